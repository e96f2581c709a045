import { api } from './client';
import type { LoginResponse, Session, SignupResponse } from './types';

export interface SignupInput {
  businessName: string;
  email: string;
  password: string;
  timezone: string;
}

export const authApi = {
  login: (email: string, password: string) => api.post<LoginResponse>('/api/auth/login', { email, password }),
  signup: (input: SignupInput) => api.post<SignupResponse>('/api/auth/signup', input),
  me: (signal?: AbortSignal) => api.get<Session>('/api/auth/me', undefined, signal),
};
