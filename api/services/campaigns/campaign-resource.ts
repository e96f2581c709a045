import { Campaign } from '../../../db/entities';
import type { z } from '../../zod';
import type { campaignListQuery } from '../../routes/campaigns.schema';
import type { ResourceDefinition } from '../crud/resource';
import { presentCampaign } from './present-campaign';

export const campaignResource: ResourceDefinition<Campaign, object, z.output<typeof campaignListQuery>> = {
  label: 'campaign',
  entity: Campaign,
  sort: { field: 'createdAt', direction: 'desc', kind: 'date' },
  searchFields: ['name'],
  softDelete: false,
  filters: (query) => (query.status ? [{ status: query.status }] : []),
  present: (c) => presentCampaign(c),
  inUseMessage: 'The campaign has been sent; it is kept for its report',
};
