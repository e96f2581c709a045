import { z } from '../zod';

export const calendarLinksSchema = z
  .object({
    google: z.url(),
    outlook: z.url(),
    office365: z.url(),
    ics: z.url(),
  })
  .openapi('CalendarLinks');

export const calendarFeedSchema = z
  .object({
    active: z.boolean(),
    url: z.url().optional().openapi({ description: 'Only in the answer that created it: the secret is not stored' }),
    tokenHint: z.string().optional(),
    createdAt: z.string().optional(),
    lastFetchedAt: z.string().nullable().optional(),
    fetchCount: z.number().int().optional(),
  })
  .openapi('CalendarFeed');
