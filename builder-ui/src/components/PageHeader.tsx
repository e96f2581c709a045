import { useEffect, type ReactNode } from 'react';

export function PageHeader({ title, subtitle, actions, back }: { title: string; subtitle?: ReactNode; actions?: ReactNode; back?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Appointflow`;
  }, [title]);
  return (
    <header className="page-header">
      <div className="page-header-main">
        {back && <div className="page-header-back">{back}</div>}
        <h1 className="page-title">{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-header-actions">{actions}</div>}
    </header>
  );
}
