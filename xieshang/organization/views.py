"""Organisation pages (the Excel import is built in importing.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def import_view(request):
    return render(request, "core/home.html")
