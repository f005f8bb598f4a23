// The signed-in person as the views see it: the role held in each seller account, and what that role may do.
// Mirrors claimpilot.server.roles; the server still checks every request (403) whatever the page shows.

const RANK = { viewer: 0, operator: 1, approver: 2, admin: 3 };
let user = null;

export function setUser(next) { user = next; }

export const currentUser = () => user;

export const roleIn = (sellerId) => user?.sellers.find((s) => s.seller_id === sellerId)?.role ?? null;

// Whether the role held in sellerId may do what `needed` may (viewer < operator < approver < admin).
export const may = (sellerId, needed) => (RANK[roleIn(sellerId)] ?? -1) >= RANK[needed];
