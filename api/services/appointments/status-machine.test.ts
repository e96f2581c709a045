import { appointmentStatuses } from '../../../db/entities';
import { assertTransition, NEXT_STATUSES } from './status-machine';

describe('appointment status machine', () => {
  test('the happy path and no-shows before check-in are allowed', () => {
    for (const [from, to] of [
      ['pending', 'confirmed'],
      ['confirmed', 'checked_in'],
      ['checked_in', 'completed'],
      ['pending', 'no_show'],
      ['confirmed', 'cancelled'],
    ] as const) {
      expect(() => assertTransition(from, to)).not.toThrow();
    }
  });

  test('final statuses lead nowhere, and a customer who arrived is never a no-show', () => {
    for (const final of ['completed', 'cancelled', 'no_show'] as const) expect(NEXT_STATUSES[final]).toEqual([]);
    expect(() => assertTransition('checked_in', 'no_show')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION', message: 'The appointment is checked-in and cannot become no-show' }));
    expect(() => assertTransition('completed', 'confirmed')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });

  test('asking for the current status is not a transition error', () => {
    for (const status of appointmentStatuses) expect(() => assertTransition(status, status)).not.toThrow();
  });
});
