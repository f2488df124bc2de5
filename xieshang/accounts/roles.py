"""The roles a user can hold in a committee (product.md, "Who uses it")."""

from django.db import models


class Role(models.TextChoices):
    MEMBER = "member", "委员"
    PROPOSAL_STAFF = "proposal_staff", "提案委工作人员"
    PROPOSAL_CHIEF = "proposal_chief", "提案委负责人（复审）"
    ASSIGN_OFFICE = "assign_office", "交办督查室"
    UNIT_HANDLER = "unit_handler", "承办单位经办人"
    UNIT_LEADER = "unit_leader", "承办单位负责人"
    INFO_OFFICE = "info_office", "社情民意信息办"
    LIAISON = "liaison", "专委会/联络工作人员"
    LEADER = "leader", "领导"
    BODY_AGENT = "body_agent", "党派团体/专委会/界别提案经办人"
    SYS_ADMIN = "sys_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


UNIT_ROLES = {Role.UNIT_HANDLER, Role.UNIT_LEADER}
STAFF_ROLES = {
    Role.PROPOSAL_STAFF,
    Role.PROPOSAL_CHIEF,
    Role.ASSIGN_OFFICE,
    Role.INFO_OFFICE,
    Role.LIAISON,
    Role.LEADER,
}
