import { useSession } from '../auth/session-context';
import { SettingsIcon } from '../components/icons';
import { PlaceholderPage, PLACEHOLDER_ICON_SIZE as big } from './PlaceholderPage';
import { ReportSchedulesSettings } from '../reports/ReportSchedulesSettings';
import { SettingsLinks } from '../settings/SettingsLinks';

export function SettingsPage() {
  const { tenant } = useSession();
  return (
    <PlaceholderPage
      title="Settings"
      subtitle="Your business profile, services, staff, hours and policies."
      icon={<SettingsIcon {...big} />}
      emptyTitle="More settings are coming"
      emptyText="Services, staff, opening hours and booking policies will be managed here; today they are set through the API."
    >
      <SettingsLinks />
      <section className="card card-padded">
        <h2 className="card-title">Business</h2>
        <dl className="details-grid">
          <div>
            <dt>Name</dt>
            <dd>{tenant.name}</dd>
          </div>
          <div>
            <dt>Workspace</dt>
            <dd>
              <code>{tenant.slug}</code>
            </dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{tenant.timezone.replace(/_/g, ' ')}</dd>
          </div>
        </dl>
      </section>
      <ReportSchedulesSettings />
    </PlaceholderPage>
  );
}
