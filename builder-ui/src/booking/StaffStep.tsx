import type { PublicStaff } from '../api/public';
import { initialsOf } from '../format';
import { ANY_STAFF } from './booking-types';

export function StaffStep({ staff, selectedId, onSelect }: { staff: PublicStaff[]; selectedId: string; onSelect(id: string): void }) {
  return (
    <div className="bk-step">
      <h2 className="bk-step-title">Who would you like?</h2>
      <ul className="bk-options">
        <li>
          <button type="button" className={`bk-option${selectedId === ANY_STAFF ? ' is-selected' : ''}`} onClick={() => onSelect(ANY_STAFF)}>
            <span className="avatar avatar-any" aria-hidden="true">
              ★
            </span>
            <span className="bk-option-main">
              <span className="bk-option-title">Anyone available</span>
              <span className="bk-option-text">The most free times</span>
            </span>
          </button>
        </li>
        {staff.map((member) => (
          <li key={member.id}>
            <button type="button" className={`bk-option${selectedId === member.id ? ' is-selected' : ''}`} onClick={() => onSelect(member.id)}>
              <span className="avatar" aria-hidden="true" style={member.color ? { background: member.color, color: '#fff' } : undefined}>
                {initialsOf(member.name)}
              </span>
              <span className="bk-option-main">
                <span className="bk-option-title">{member.name}</span>
                {member.title && <span className="bk-option-text">{member.title}</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
