import { IANAZone } from 'luxon';
import { z } from '../zod';

/** An IANA zone name such as America/New_York (offsets like +02:00 are not zones). */
export const ianaTimezone = () =>
  z
    .string()
    .max(64)
    .refine((zone) => /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) && IANAZone.isValidZone(zone), {
      message: 'must be an IANA time zone such as America/New_York',
    })
    .openapi({ example: 'America/New_York' });
