import type { ReactNode } from 'react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export const PLACEHOLDER_ICON_SIZE = { width: 28, height: 28 };

/** A section whose content arrives with its own feature; it says what will live here instead of showing made-up data. */
export function PlaceholderPage({ title, subtitle, icon, emptyTitle, emptyText, action, children }: {
  title: string;
  subtitle: string;
  icon: ReactNode;
  emptyTitle: string;
  emptyText: string;
  action?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      {children}
      <section className="card">
        <EmptyState icon={icon} title={emptyTitle} action={action}>
          {emptyText}
        </EmptyState>
      </section>
    </>
  );
}
