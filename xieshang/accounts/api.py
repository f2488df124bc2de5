"""API: obtain a token, read oneself."""

from ninja import Router, Schema

from .selectors import user_grants
from .services import api_token_issue, user_authenticate

router = Router(tags=["账户"])


class LoginIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class GrantOut(Schema):
    role: str
    unit_id: int | None
    party_id: int | None
    special_committee_id: int | None
    sector_id: int | None


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    committee_id: int | None
    must_change_password: bool
    roles: list[GrantOut]


@router.post("/token", auth=None, response={200: TokenOut}, summary="用用户名和密码换取令牌")
def token(request, payload: LoginIn):
    user = user_authenticate(username=payload.username, password=payload.password,
                             ip=request.META.get("REMOTE_ADDR"))
    return {"token": api_token_issue(user=user)}


@router.get("/me", response=MeOut, summary="当前用户及其角色")
def me(request):
    user = request.user
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "committee_id": user.committee_id,
        "must_change_password": user.must_change_password,
        "roles": [g.__dict__ for g in user_grants(user)],
    }
