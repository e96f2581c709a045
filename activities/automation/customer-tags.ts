import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { Customer } from '../../db/entities';
import type { ActionOutcome } from './action-outcome';
import { actionFailure } from './errors';
import { tenantEm } from './scope';

export interface ChangeCustomerTagInput {
  tenantId: string;
  customerId: string;
  tag: string;
  operation: 'add' | 'remove';
}

/** Adds or removes one tag; idempotent by nature (a set). */
export function createChangeCustomerTagActivity(deps: { orm: MikroORM }) {
  return async function changeCustomerTag(input: ChangeCustomerTagInput): Promise<ActionOutcome> {
    return tenantEm(deps.orm, input.tenantId).transactional(async (em) => {
      const customer = await em.findOne(Customer, { id: input.customerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!customer) throw actionFailure('CustomerNotFound', `customer ${input.customerId} not found`);
      const tags = new Set(customer.tags);
      const had = tags.has(input.tag);
      if (input.operation === 'add') tags.add(input.tag);
      else tags.delete(input.tag);
      customer.tags = [...tags];
      await em.flush();
      const changed = had !== (input.operation === 'add');
      return {
        status: 'ok',
        detail: `${input.operation === 'add' ? 'added' : 'removed'} "${input.tag}"${changed ? '' : ' (no change)'}`,
        contextPatch: { customer: { tags: customer.tags } },
        output: { tags: customer.tags },
      };
    });
  };
}
