import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Customer, ListResponse, NewCustomerInput, Pet } from './types';

export const CUSTOMERS_PAGE_SIZE = 25;

export function useCustomerList(q: string) {
  return useInfiniteQuery({
    queryKey: ['customers', 'list', q],
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<Customer>>(
        '/api/customers',
        { limit: CUSTOMERS_PAGE_SIZE, cursor: pageParam, q: q.trim() || undefined },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: ['customers', 'detail', id],
    queryFn: ({ signal }) => api.get<Customer>(`/api/customers/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useCustomerPets(customerId: string) {
  return useQuery({
    queryKey: ['pets', 'byCustomer', customerId],
    queryFn: ({ signal }) => api.get<ListResponse<Pet>>('/api/pets', { customerId, limit: 100 }, signal),
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewCustomerInput) => api.post<Pick<Customer, 'id'> & Partial<Customer>>('/api/customers', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', 'list'] }),
  });
}
