"""Request and response bodies of the account and seller routes."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from claimpilot.accounts.roles import Role


class LoginRequest(BaseModel):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class PasswordChange(BaseModel):
    current: str = Field(max_length=1024)
    new: str = Field(max_length=1024)


class MembershipOut(BaseModel):
    seller_id: str
    name: str
    marketplace: str
    role: Role


class UserOut(BaseModel):
    id: int
    email: str
    name: str
    sellers: list[MembershipOut]


class ApiKeyCreate(BaseModel):
    name: str = Field(default="", max_length=120)


class ApiKeyOut(BaseModel):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    token: str = Field(description="the key itself; shown only this once")


class SellerOut(MembershipOut):
    pass


class AuditRequest(BaseModel):
    as_of: date | None = Field(default=None, description="audit as of this day (default: today)")
    sync: bool = Field(default=True, description="turn the findings into claims")


class SubmitRequest(BaseModel):
    case_id: str = Field(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z\-]+$",
                         description="the case id Seller Central gave")


class FiledClaim(BaseModel):
    id: int = Field(ge=1, le=2**31 - 1, description="claim id")
    case_id: str | None = Field(default=None, min_length=1, max_length=40, pattern=r"^[0-9A-Za-z\-]+$",
                                description="the case id Seller Central gave for this claim (else the batch's)")


class BatchSubmitRequest(BaseModel):
    claims: list[FiledClaim] = Field(min_length=1, max_length=500)
    case_id: str | None = Field(default=None, min_length=1, max_length=40, pattern=r"^[0-9A-Za-z\-]+$",
                                description="one case id for every claim that names none")


class DenialRequest(BaseModel):
    reason: str = Field(min_length=1, max_length=4000, description="the denial's reason, as Amazon wrote it")


class ChatRequest(BaseModel):
    message: str = Field(min_length=1, max_length=4000)
    thread_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")


class DecisionRequest(BaseModel):
    approve: bool
    note: str | None = Field(default=None, max_length=1000)
