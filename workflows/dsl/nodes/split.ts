import { z } from 'zod';
import { labelFields } from '../primitives';
import { defineNode } from './spec';

export const variantSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'Variant ids are 1–40 letters, digits, _ or -' }),
  label: z.string().min(1).max(80),
  weight: z.number().positive({ message: 'A weight must be positive' }).max(1_000_000),
});

export type SplitVariant = z.output<typeof variantSchema>;

const splitData = z
  .strictObject({
    ...labelFields,
    variants: z.array(variantSchema).min(2, { message: 'A split needs at least two variants' }).max(10),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.variants.forEach((variant, index) => {
      if (seen.has(variant.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'id'],
          message: `Variant id "${variant.id}" is used twice`,
          params: { code: 'DUPLICATE_ID' },
        });
      }
      seen.add(variant.id);
    });
  });

/** Weighted A/B split; one exit per variant id, chosen deterministically per customer. */
export const splitNode = defineNode({
  type: 'split',
  title: 'A/B split',
  category: 'logic',
  isAction: false,
  data: splitData,
  exits: (data) => data.variants.map((variant) => ({ handle: variant.id, label: variant.label, optional: false })),
});
