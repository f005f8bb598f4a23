"""The enums of the domain vocabulary (see the package docstring)."""

from __future__ import annotations

from enum import StrEnum


class ClaimType(StrEnum):
    """A kind of money Amazon owes the seller: one audit rule each (CLAIM_RULES.md)."""

    WAREHOUSE_LOST = "warehouse_lost"
    WAREHOUSE_DAMAGED = "warehouse_damaged"
    CUSTOMER_RETURN_MISSING = "customer_return_missing"
    INBOUND_SHORTAGE = "inbound_shortage"
    FEE_OVERCHARGE = "fee_overcharge"
    REIMBURSEMENT_UNDERPAID = "reimbursement_underpaid"
    RETURN_DAMAGED_UNREIMBURSED = "return_damaged_unreimbursed"
    REFUND_ABOVE_PAID = "refund_above_paid"
    REFUND_COMMISSION_SHORT = "refund_commission_short"
    REIMBURSEMENT_REVERSED_UNFOUND = "reimbursement_reversed_unfound"
    REMOVAL_SHIPMENT_SHORT = "removal_shipment_short"


class FindingStatus(StrEnum):
    """Where a finding stands against the audit's as-of date and its claim window."""

    PENDING = "pending"
    CLAIMABLE = "claimable"
    EXPIRED = "expired"


class ClaimStatus(StrEnum):
    """A claim's lifecycle (the allowed moves are in tools/cases/states.py)."""

    PENDING = "pending"
    CLAIMABLE = "claimable"
    DRAFTED = "drafted"
    SUBMITTED = "submitted"
    REIMBURSED = "reimbursed"
    PARTLY_REIMBURSED = "partly_reimbursed"
    DENIED = "denied"
    APPEALED = "appealed"
    REVERSED = "reversed"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


# Open: the seller can still file it (its window is open, a packet may be drafted).
OPEN_STATUSES = frozenset({ClaimStatus.CLAIMABLE, ClaimStatus.DRAFTED})
# Not yet filed: the audit still decides these claims' figures and status.
UNFILED_STATUSES = frozenset({ClaimStatus.PENDING, ClaimStatus.CLAIMABLE, ClaimStatus.DRAFTED,
                              ClaimStatus.EXPIRED, ClaimStatus.WITHDRAWN})
# Filed with Amazon and awaiting an answer.
AWAITING_STATUSES = frozenset({ClaimStatus.SUBMITTED, ClaimStatus.APPEALED})
# Filed at some point (money claimed).
FILED_STATUSES = frozenset({ClaimStatus.SUBMITTED, ClaimStatus.APPEALED, ClaimStatus.REIMBURSED,
                            ClaimStatus.PARTLY_REIMBURSED, ClaimStatus.DENIED, ClaimStatus.REVERSED})


class DenialReason(StrEnum):
    """Why Amazon denied a case, as the appeal answers it."""

    RECEIVED_IN_FULL = "received_in_full"
    UNIT_FOUND = "unit_found"
    OUTSIDE_WINDOW = "outside_window"
    NO_PROOF_OF_COST = "no_proof_of_cost"
    ALREADY_REIMBURSED = "already_reimbursed"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    RETURN_RECEIVED = "return_received"
    TOO_EARLY = "too_early"
    PROOF_OF_DELIVERY = "proof_of_delivery"
    MEASUREMENT_CORRECT = "measurement_correct"
    SELLER_RESPONSIBLE = "seller_responsible"
    OTHER = "other"


class BuyerIntent(StrEnum):
    """What a buyer's message asks for (``damaged_wrong``, stored before damaged and wrong items were told
    apart, is migrated to one of the two)."""

    WHERE_IS_MY_ORDER = "where_is_my_order"
    DAMAGED = "damaged"
    WRONG_ITEM = "wrong_item"
    RETURN_REFUND = "return_refund"
    ALREADY_RETURNED = "already_returned"
    PRODUCT_QUESTION = "product_question"
    CANCELLATION = "cancellation"
    ADDRESS_CHANGE = "address_change"
    INVOICE_REQUEST = "invoice_request"
    OTHER = "other"


class BuyerFlag(StrEnum):
    """Why a buyer message must not be answered on its own: what it attempts, by a stable code."""

    REVIEW_FOR_REFUND = "review_for_refund"
    OFF_AMAZON_PAYMENT = "off_amazon_payment"
    THREAT = "threat"
    CONTACT_REQUEST = "contact_request"
    INJECTION = "injection"


class ShipmentKind(StrEnum):
    """How goods travel: a parcel to a buyer, an FBA inbound shipment, a sea or air freight leg."""

    PARCEL = "parcel"
    FBA = "fba"
    SEA = "sea"
    AIR = "air"


class ShipmentState(StrEnum):
    """Where a shipment stands, the same for every provider (in the order a shipment moves)."""

    INFO_RECEIVED = "info_received"
    IN_TRANSIT = "in_transit"
    CUSTOMS = "customs"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    EXCEPTION = "exception"
    EXPIRED = "expired"


class AlertKind(StrEnum):
    """Why a shipment needs the seller's attention."""

    STALLED = "stalled"
    ETA_SLIP = "eta_slip"
    ETA_OVERDUE = "eta_overdue"
    CUSTOMS_HOLD = "customs_hold"
    EXCEPTION = "exception"
    NOT_CHECKED_IN = "not_checked_in"
    RECEIVED_SHORT = "received_short"


class ReportKind(StrEnum):
    """A report claimpilot reads, recognised by its header row (tools/reports/kinds.py)."""

    LEDGER = "ledger"
    REIMBURSEMENTS = "reimbursements"
    CUSTOMER_RETURNS = "customer_returns"
    FEE_ESTIMATES = "fee_estimates"
    ORDERS = "orders"
    SETTLEMENT = "settlement"
    REMOVAL_ORDERS = "removal_orders"
    INBOUND_ITEMS = "inbound_items"
    PRODUCTS = "products"
    REMOVAL_SHIPMENTS = "removal_shipments"
    REMOVAL_RECEIPTS = "removal_receipts"
    TRANSACTIONS = "transactions"


class JobKind(StrEnum):
    """A job the scheduler runs for a seller on its schedule (jobs/kinds.py does each)."""

    SCAN = "scan"
    DIGEST = "digest"
    BUYER_MAIL = "buyer_mail"
    TRACKING = "tracking"
    POLICY_WATCH = "policy_watch"
