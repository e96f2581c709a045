/**
 * How an SMS body is encoded and billed. Carriers send GSM-7 (7-bit, 160 characters, 153 per part
 * once concatenated) when every character is in the GSM 03.38 alphabet, and UCS-2 (70, 67 per part)
 * otherwise: one emoji or curly quote turns a 150-character text into three parts.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters reached through the escape code: two septets each. */
const GSM_EXTENDED = '^{}\\[~]|€\f';

const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentInfo {
  encoding: SmsEncoding;
  /** Characters as a person counts them (code points). */
  characters: number;
  /** Billing units: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units that fit one part at this length (160/153 or 70/67). */
  perSegment: number;
  /** The characters that forced UCS-2, so an editor can point at them. */
  nonGsmCharacters: string[];
}

export function smsSegments(text: string): SmsSegmentInfo {
  const chars = Array.from(text);
  const nonGsm = [...new Set(chars.filter((c) => !BASIC.has(c) && !EXTENDED.has(c)))];
  if (chars.length === 0) {
    return { encoding: 'GSM-7', characters: 0, units: 0, segments: 0, perSegment: 160, nonGsmCharacters: [] };
  }
  if (nonGsm.length === 0) {
    const widths = chars.map((c) => (EXTENDED.has(c) ? 2 : 1));
    return { encoding: 'GSM-7', characters: chars.length, nonGsmCharacters: [], ...pack(widths, 160, 153) };
  }
  // A surrogate pair (emoji) is two units that must stay in one part.
  const widths = chars.map((c) => c.length);
  return { encoding: 'UCS-2', characters: chars.length, nonGsmCharacters: nonGsm, ...pack(widths, 70, 67) };
}

function pack(widths: number[], single: number, multi: number): { units: number; segments: number; perSegment: number } {
  const units = widths.reduce((sum, w) => sum + w, 0);
  if (units <= single) return { units, segments: 1, perSegment: single };
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > multi) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { units, segments, perSegment: multi };
}
