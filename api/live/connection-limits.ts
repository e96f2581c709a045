/** How many live connections and messages one replica accepts. Counts are per process. */
export interface LiveLimits {
  /** Open sockets per client address. */
  maxPerIp: number;
  /** Open sockets per tenant. */
  maxPerTenant: number;
  /** Open sockets per signed-in user (or portal customer): a tab left open ten times is enough. */
  maxPerUser: number;
  /** New connection attempts per address within `attemptWindowMs`. */
  maxAttemptsPerIp: number;
  attemptWindowMs: number;
  /** Messages a client may send within `messageWindowMs` before it is disconnected. */
  maxMessages: number;
  messageWindowMs: number;
}

export const defaultLiveLimits: LiveLimits = {
  maxPerIp: 20,
  maxPerTenant: 200,
  maxPerUser: 10,
  maxAttemptsPerIp: 60,
  attemptWindowMs: 60_000,
  maxMessages: 30,
  messageWindowMs: 10_000,
};

/** Counters behind the limits: open sockets per ip, tenant and user, recent attempts per ip. */
export class ConnectionLimiter {
  private readonly openByIp = new Map<string, number>();
  private readonly openByTenant = new Map<string, number>();
  private readonly openBySubject = new Map<string, number>();
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly limits: LiveLimits) {}

  /** Records an attempt; false when the address is over its attempt rate or open-socket cap. */
  admitAddress(ip: string, now = Date.now()): boolean {
    const recent = (this.attempts.get(ip) ?? []).filter((at) => now - at < this.limits.attemptWindowMs);
    recent.push(now);
    this.attempts.set(ip, recent);
    if (this.attempts.size > 10_000) this.sweep(now);
    return recent.length <= this.limits.maxAttemptsPerIp && (this.openByIp.get(ip) ?? 0) < this.limits.maxPerIp;
  }

  admitTenant(tenantId: string): boolean {
    return (this.openByTenant.get(tenantId) ?? 0) < this.limits.maxPerTenant;
  }

  /** `subject` is the user (or `customer:<id>`) the socket belongs to. */
  admitSubject(subject: string): boolean {
    return (this.openBySubject.get(subject) ?? 0) < this.limits.maxPerUser;
  }

  opened(ip: string, tenantId: string, subject: string): void {
    this.openByIp.set(ip, (this.openByIp.get(ip) ?? 0) + 1);
    this.openByTenant.set(tenantId, (this.openByTenant.get(tenantId) ?? 0) + 1);
    this.openBySubject.set(subject, (this.openBySubject.get(subject) ?? 0) + 1);
  }

  closed(ip: string, tenantId: string, subject: string): void {
    decrement(this.openByIp, ip);
    decrement(this.openByTenant, tenantId);
    decrement(this.openBySubject, subject);
  }

  private sweep(now: number): void {
    for (const [ip, times] of this.attempts) {
      if (times.every((at) => now - at >= this.limits.attemptWindowMs)) this.attempts.delete(ip);
    }
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const next = (map.get(key) ?? 0) - 1;
  if (next > 0) map.set(key, next);
  else map.delete(key);
}
