"""API for the lead-unit model: how current it is, and retraining it.

One proposal's suggestions are GET /proposals/{id}/unit-suggestions.
"""

from datetime import datetime

from ninja import Router, Schema, Status

from xieshang.api.schemas import responses
from xieshang.core.errors import PermissionDenied

from . import permissions, routing_model

router = Router(tags=["单位推荐"])


class RoutingModelOut(Schema):
    trained_at: datetime | None
    examples: int
    units: int
    trained_by: str
    new_since: int
    history: int
    history_units: int
    trainable: bool
    training_since: datetime | None
    training_by: str
    last_failure: str


class RoutingTrainOut(Schema):
    committee: str
    examples: int
    units: int
    seconds: float
    trained_at: datetime


@router.get("/model", response=responses(RoutingModelOut), summary="单位推荐模型：训练时间与此后新增的办理记录")
def model_get(request):
    if not permissions.can_read_all(request.user):
        raise PermissionDenied("您无权查看单位推荐模型。")
    return routing_model.model_status(request.user.committee).as_dict()


@router.post("/model/train", response=responses(RoutingTrainOut, 201),
             summary="按本会办理记录重新训练单位推荐模型")
def model_train(request):
    result = routing_model.route_model_train(committee=request.user.committee, actor=request.user,
                                       source="api")
    return Status(201, result.as_dict())
