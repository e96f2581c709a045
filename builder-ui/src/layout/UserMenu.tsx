import { LogoutIcon } from '../components/icons';
import { useSession, useSessionContext } from '../auth/session-context';
import { initialsOf } from '../format';

const ROLE_LABEL = { owner: 'Owner', admin: 'Admin', staff: 'Staff' } as const;

export function UserMenu() {
  const { user } = useSession();
  const { signOut } = useSessionContext();
  const display = user.name?.trim() || user.email;
  return (
    <div className="user-menu">
      <span className="avatar" aria-hidden="true">
        {initialsOf(display)}
      </span>
      <div className="user-menu-text">
        <span className="user-menu-name" data-testid="user-name">
          {display}
        </span>
        <span className="user-menu-meta">
          {ROLE_LABEL[user.role] ?? user.role}
          {user.name ? ` · ${user.email}` : ''}
        </span>
      </div>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => signOut()}>
        <LogoutIcon width={16} height={16} />
        Log out
      </button>
    </div>
  );
}
