import type { SmsCount } from '../api/message-templates';

const show = (ch: string) => (ch === '\n' ? '↵' : ch === ' ' ? '␠' : ch);

/**
 * Length, encoding and parts of the rendered text message. One curly quote or emoji switches
 * the whole text to UCS-2 (70 characters a part instead of 160), so those characters are named.
 */
export function SmsMeter({ sms, stale }: { sms: SmsCount; stale: boolean }) {
  const perPart = sms.perSegment;
  const usedInLast = sms.units === 0 ? 0 : sms.units - perPart * (sms.segments - 1);
  const fill = Math.min(100, Math.round((usedInLast / perPart) * 100));
  const parts = `${sms.segments} ${sms.segments === 1 ? 'part' : 'parts'}`;
  return (
    <div className={`tpl-sms-meter${stale ? ' is-stale' : ''}`} data-testid="sms-meter" aria-live="polite">
      <div className="tpl-sms-figures">
        <span>
          <strong data-testid="sms-length">{sms.length}</strong> characters
        </span>
        <span className={`badge ${sms.encoding === 'GSM-7' ? 'badge-neutral' : 'badge-warning'}`} data-testid="sms-encoding">
          {sms.encoding}
        </span>
        <span className={sms.segments > 1 ? 'tpl-sms-parts is-multi' : 'tpl-sms-parts'} data-testid="sms-segments">
          {parts}
        </span>
      </div>
      <div className="meter" role="meter" aria-label="Room left in the last part" aria-valuemin={0} aria-valuemax={perPart} aria-valuenow={usedInLast}>
        <div className="meter-fill" style={{ width: `${fill}%` }} />
      </div>
      <p className="field-hint">
        {sms.units} of {sms.segments > 1 ? `${sms.segments} × ${perPart}` : perPart} {sms.encoding === 'GSM-7' ? 'GSM units' : 'UCS-2 units'}
        {sms.segments > 1 ? ` (a long text is split into parts of ${perPart}, each billed as one message)` : ''}.
      </p>
      {sms.nonGsmCharacters.length > 0 && (
        <p className="tpl-sms-warning" data-testid="sms-non-gsm">
          {sms.nonGsmCharacters.map(show).join(' ')} {sms.nonGsmCharacters.length === 1 ? 'is' : 'are'} not in the GSM alphabet, so every part holds {perPart}{' '}
          characters instead of {perPart === 67 ? 153 : 160}. Use plain quotes and no emoji to fit more.
        </p>
      )}
    </div>
  );
}
