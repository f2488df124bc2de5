"""The JSON API root: token authentication and one error shape for every failure."""

import copy

from django.db import IntegrityError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from xieshang.accounts.services import api_token_user
from xieshang.core import clock
from xieshang.core.errors import DomainError


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
            clock.use_committee(user.committee)
        return user


class XieshangAPI(NinjaAPI):
    """Builds its OpenAPI document once per path prefix. Every router is added when this module
    is imported, so the document cannot change while the process runs, and building it takes
    about a second (the docs page and every API client's first request wait for it)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cache = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in cache:
            cache[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return copy.deepcopy(cache[path_prefix])  # a caller may change its copy


api = XieshangAPI(
    title="协商 Xieshang API",
    version="1",
    description="政协提案等业务的接口。除获取令牌外，所有接口须在请求头携带 "
    "`Authorization: Bearer <令牌>`。出错时统一返回 `{error: {code, message, field}}`。",
    auth=TokenAuth(),
    urls_namespace="api",
)


def _error(request, status: int, code: str, message: str, field: str | None = None):
    return api.create_response(
        request, {"error": {"code": code, "message": message, "field": field}}, status=status
    )


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return _error(request, exc.status, exc.code, exc.message, exc.field)


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    first = exc.errors[0] if exc.errors else {}
    loc = [str(p) for p in first.get("loc", []) if p not in ("body", "query", "path", "payload")]
    field = ".".join(loc) or None
    return _error(request, 422, "invalid", f"请求参数不符合要求：{field or '请求体'}", field)


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    return _error(request, 401, "unauthenticated", "未登录或令牌无效。")


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "not_found", "未找到该记录，或您无权查看。")


HTTP_MESSAGES = {
    400: ("bad_request", "请求无法解析，请检查请求体是否为有效的 JSON 或表单。"),
    401: ("unauthenticated", "未登录或令牌无效。"),
    403: ("forbidden", "您无权执行该操作。"),
    404: ("not_found", "未找到该记录，或您无权查看。"),
    405: ("method_not_allowed", "不支持该请求方法。"),
    413: ("too_large", "请求内容过大。"),
}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # Ninja raises these with English text (e.g. an unparsable body); answer in Chinese.
    code, message = HTTP_MESSAGES.get(exc.status_code, ("error", "请求有误。"))
    return _error(request, exc.status_code, code, message)


@api.exception_handler(IntegrityError)
def integrity_error(request, exc):
    return _error(request, 409, "conflict", "数据冲突，请刷新后重试。")


from xieshang.accounts.api import router as accounts_router  # noqa: E402
from xieshang.handling.api import router as handling_router  # noqa: E402
from xieshang.organization.api import router as organization_router  # noqa: E402
from xieshang.proposals.api import router as proposals_router  # noqa: E402

api.add_router("/auth", accounts_router)
api.add_router("/organization", organization_router)
# Before /proposals: its /{proposal_id} would otherwise take /proposals/similar and /hints.
api.add_router("/proposals/similar", "xieshang.proposals.similar_api.router")
api.add_router("/proposals/hints", "xieshang.proposals.hints_api.router")
api.add_router("/proposals", proposals_router)
api.add_router("/proposals/duplicates", "xieshang.proposals.duplicates_api.router")
api.add_router("/handling", handling_router)
api.add_router("/handling/routing", "xieshang.handling.routing_api.router")
api.add_router("/handling/reply-checks", "xieshang.handling.reply_check_api.router")
api.add_router("/supervision", "xieshang.supervision.api.router")
api.add_router("/publishing", "xieshang.publishing.api.router")
api.add_router("/activities", "xieshang.activities.api.router")
api.add_router("/opinions", "xieshang.opinions.api.router")
api.add_router("/opinions/similar", "xieshang.opinions.similar_api.router")
api.add_router("/opinions/hints", "xieshang.opinions.hints_api.router")
api.add_router("/appraisal", "xieshang.appraisal.api.router")
api.add_router("/reports", "xieshang.reports.api.router")
