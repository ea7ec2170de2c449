"""Request and reply bodies of the sync API, for validation and the OpenAPI schema.

Request bodies are validated with these models. Replies are documented by them
but built by hand (pull and snapshot are written as raw JSON for speed), so the
wire format the client reads is exactly the one described in ``sync.protocol``.
Strings never carry lone UTF-16 surrogates (they cannot be stored as UTF-8).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema

from sync import protocol as p

Scalar = str | int | float | bool | None


def _text(value: str) -> str:
    if not p.valid_text(value):
        raise ValueError("invalid characters")
    return value


Text = Annotated[str, AfterValidator(_text)]


class ErrorReply(BaseModel):
    """Every refusal: a machine code and a plain Simplified Chinese message."""

    error: str = Field(examples=["invalid_token"])
    message: str = Field(examples=["登录凭据无效，请重新登录。"])


# -- hello / login / refresh -------------------------------------------------------------


class HelloReply(BaseModel):
    server_id: str
    epoch: str
    protocol: int
    max_seq: int = Field(description="The newest change number.")
    min_seq: int = Field(description="Pulls with a lower `since` need a snapshot.")
    epoch_base: int = Field(description="The last change number a restored backup has.")


class LoginBody(BaseModel):
    username: Text = Field(max_length=200)
    password: Text = Field(max_length=1024)
    device_name: Text = Field("desktop", max_length=1000, description="Kept up to 100 chars.")
    device_id: Text | None = Field(
        None, max_length=200, description="The device this client logged in as before."
    )


class UserInfo(BaseModel):
    username: str
    unit: str
    role: Literal["admin", "coordinator", "member"]


class RefreshBody(BaseModel):
    refresh_token: Text = Field(max_length=1000)


class RefreshReply(BaseModel):
    access_token: str
    refresh_token: str = Field(description="The successor: each refresh token works once.")
    access_expires_in: float
    device_id: str


class LoginReply(RefreshReply):
    user: UserInfo


# -- push ------------------------------------------------------------------------------


class WireRelay(BaseModel):
    """A relayed record version: who wrote it, and which of the op's fields are that version."""

    from_: str | None = Field(
        None, alias="from", max_length=64, description="The writing device (null: the pusher)."
    )
    fields: list[str] = Field(default_factory=list, description="Names among the op's fields.")


class WireOp(BaseModel):
    """One change of one record (see ``sync.protocol``)."""

    op: str = Field(min_length=1, max_length=64, description="Unique id of this change.")
    tbl: str = Field(pattern=p.NAME_PATTERN)
    id: str = Field(min_length=1, max_length=64)
    kind: Literal["insert", "update", "delete"]
    fields: dict[str, Scalar] = Field(
        default_factory=dict,
        description="Column → value; names match `tbl`'s pattern, never `id`; integers are"
        " 64-bit, reals finite. An update needs at least one field.",
    )
    base: int = Field(0, ge=0, le=p.INT64_MAX, description="The change number last seen.")
    relay: WireRelay | None = Field(
        None,
        description="Set when a desktop offers a record version the server lost (a restore):"
        " insert or delete only; the server fills in only what it lacks.",
    )


# Ops are validated one by one on the server: a malformed op is rejected alone
# (outcome ``rejected`` with a reason) while the others of the batch apply.
_OpItem = Annotated[Any, WithJsonSchema(WireOp.model_json_schema())]


class PushBody(BaseModel):
    ops: list[_OpItem] = Field(
        description=f"At most {p.MAX_OPS_PER_PUSH} changes (more: HTTP 413). An op that does"
        " not match the op schema is rejected alone, with a reason."
    )


class ConflictInfo(BaseModel):
    id: int
    field: str | None
    kind: Literal["field", "delete_edit", "edit_delete"]
    mine: Any
    theirs: Any
    theirs_seq: int
    theirs_device: str = Field("", description="Name of the device whose value stands.")
    theirs_user: str = Field("", description="Its account.")


class ServerState(BaseModel):
    exists: bool
    deleted: bool
    fields: dict[str, Scalar]


class OpOutcome(BaseModel):
    op: str | None
    status: Literal["accepted", "conflict", "rejected"]
    seq: int | None
    reason: str | None = Field(None, description="Why a change was rejected (Chinese).")
    duplicate: bool | None = Field(None, description="A retried op: its first outcome.")
    code: str | None = Field(
        None, description="`missing_base`: the edited record is not on the server (yet)."
    )
    set: dict[str, Scalar] | None = Field(
        None, description="Fields the server set itself (the author): the desktop adopts them."
    )
    conflicts: list[ConflictInfo] | None = None
    server: ServerState | None = None


class PushReply(BaseModel):
    results: list[OpOutcome] = Field(description="One outcome per op, in order.")
    max_seq: int


# -- pull / snapshot ---------------------------------------------------------------------


class PulledOp(BaseModel):
    seq: int
    op: str
    tbl: str
    id: str
    kind: Literal["insert", "update", "delete"]
    fields: dict[str, Scalar]
    dev: str = Field(description="The device that wrote the change.")


class PullReply(BaseModel):
    ops: list[PulledOp] = Field(description="Changes after `since` by other devices, in order.")
    next: int = Field(description="The cursor for the next pull.")
    more: bool


class SnapshotRecord(BaseModel):
    tbl: str
    id: str
    fields: dict[str, Scalar]
    v: tuple[int, str] = Field(description="[seq, device] of the record's last change.")


class SnapshotCursor(BaseModel):
    tbl: str
    id: str


class SnapshotReply(BaseModel):
    records: list[SnapshotRecord]
    as_of: int = Field(description="Pull from here once the last page is in.")
    after: SnapshotCursor | None = Field(description="Resume point of the next page, or null.")


# -- conflicts ---------------------------------------------------------------------------


class ResolveBody(BaseModel):
    ids: list[int] = Field(description="Conflict ids; only the first 5000 are read.")


class ResolveReply(BaseModel):
    resolved: int


class NoticesBody(BaseModel):
    after: int = 0
    open: list[int] = Field(default_factory=list)


class Notice(BaseModel):
    id: int
    tbl: str
    record_id: str
    field: str | None
    kind: str
    mine: Any
    theirs: Any
    by: str = Field(description="Account whose change was held back.")
    resolved_at: str | None
    by_device: str = Field("", description="Name of that account's device.")


class NoticesReply(BaseModel):
    notices: list[Notice]
    resolved: list[int]
