import type { PublicService } from '../api/public';
import { formatDuration, formatMoney } from '../time/zoned';

export function ServiceStep({ services, currency, selectedId, onSelect }: { services: PublicService[]; currency: string; selectedId: string | null; onSelect(service: PublicService): void }) {
  if (services.length === 0) return <p className="bk-empty">This business has no services open to online booking yet.</p>;
  const groups = new Map<string, PublicService[]>();
  for (const service of services) {
    const key = service.category ?? '';
    groups.set(key, [...(groups.get(key) ?? []), service]);
  }
  return (
    <div className="bk-step">
      <h2 className="bk-step-title">Choose a service</h2>
      {[...groups].map(([category, list]) => (
        <section key={category} className="bk-group" aria-label={category || 'Services'}>
          {category && <h3 className="bk-group-title">{category}</h3>}
          <ul className="bk-options">
            {list.map((service) => (
              <li key={service.id}>
                <button type="button" className={`bk-option${service.id === selectedId ? ' is-selected' : ''}`} onClick={() => onSelect(service)} data-testid="service-option">
                  {service.color && <span className="bk-option-swatch" style={{ background: service.color }} aria-hidden="true" />}
                  <span className="bk-option-main">
                    <span className="bk-option-title">{service.name}</span>
                    {service.description && <span className="bk-option-text">{service.description}</span>}
                    <span className="bk-option-meta">
                      {formatDuration(service.durationMinutes)}
                      {service.depositCents ? ` · ${formatMoney(service.depositCents, currency)} deposit` : ''}
                      {service.capacity > 1 ? ` · group of up to ${service.capacity}` : ''}
                    </span>
                  </span>
                  <span className="bk-option-price">{service.priceCents > 0 ? formatMoney(service.priceCents, currency) : 'Free'}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
