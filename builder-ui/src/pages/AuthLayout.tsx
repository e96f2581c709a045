import { useEffect, type ReactNode } from 'react';
import { LogoMark } from '../components/icons';

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Appointflow`;
  }, [title]);
  return (
    <div className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <LogoMark size={36} />
          <span>Appointflow</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        <p className="auth-subtitle">{subtitle}</p>
        {children}
      </div>
      <p className="auth-footer">{footer}</p>
    </div>
  );
}
