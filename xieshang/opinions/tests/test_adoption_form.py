"""A refused adoption or 批示 comes back with what the office typed, in its open form."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from xieshang.core.testing import fresh
from xieshang.opinions.models import Issue

from .story import office, opinion_in


def test_a_refused_adoption_keeps_the_level_unit_and_reference(world, client):
    item = opinion_in(world, "sent")
    issue = Issue.objects.get(entries__links__opinion=item)
    entry = issue.entries.get()
    early = timezone.localdate(issue.sent_at) - timedelta(days=3)
    client.force_login(fresh(office(world)))

    response = client.post(reverse("opinions:adoption_add", args=[issue.pk, entry.pk]), {
        "level": "city", "kind": "single", "adopted_on": early.isoformat(),
        "body": "市委办公室", "reference": "《要情专报》第3期"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "采用日期不能早于本期报送日期" in html
    assert '<details class="mt-2" open>' in html
    assert '<option value="city" selected>' in html
    assert 'value="市委办公室"' in html and 'value="《要情专报》第3期"' in html
    assert f'value="{early.isoformat()}"' in html
    assert not entry.adoptions.exists()

    response = client.post(reverse("opinions:instruction_add", args=[issue.pk, entry.pk]), {
        "level": "province", "leader_name": "王省长", "given_on": early.isoformat(),
        "text": "请省水利厅研究。"})
    html = response.content.decode()
    assert response.status_code == 400 and "请省水利厅研究。</textarea>" in html
    assert '<option value="province" selected>' in html

    # Accepted, the page is reloaded with empty forms.
    response = client.post(reverse("opinions:adoption_add", args=[issue.pk, entry.pk]), {
        "level": "city", "kind": "single", "adopted_on": timezone.localdate().isoformat(),
        "body": "市委办公室"})
    assert response.status_code == 302 and entry.adoptions.count() == 1
