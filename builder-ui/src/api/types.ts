export type Role = 'owner' | 'admin' | 'staff';

export interface SessionUser {
  id: string;
  role: Role;
  email: string;
  name?: string | null;
}

export interface SessionTenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
}

export interface Session {
  user: SessionUser;
  tenant: SessionTenant;
}

export interface LoginResponse extends Session {
  token: string;
}

export interface SignupResponse {
  token: string;
  tenant: { id: string; slug: string };
  user: { id: string; role: Role };
}

export interface ListResponse<T> {
  items: T[];
  total: number;
  nextCursor?: string | null;
}

export interface Customer {
  id: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  tags?: string[];
  reputationScore?: number | null;
  smsOptIn?: boolean;
  emailOptIn?: boolean;
  whatsappOptIn?: boolean;
  smsOptedOutAt?: string | null;
  notes?: string | null;
  birthday?: string | null;
  visitCount?: number;
  noShowCount?: number;
  lateCancelCount?: number;
  lastVisitAt?: string | null;
  createdAt: string;
  updatedAt?: string;
}

export interface NewCustomerInput {
  name: string;
  email?: string;
  phone?: string;
  smsOptIn: boolean;
  emailOptIn: boolean;
}

export interface Pet {
  id: string;
  name: string;
  species?: string | null;
  breed?: string | null;
}
