import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { CalendarIcon } from '../components/icons';
import { ActivityIcon } from '../activity/ActivityIcon';
import { ImportIcon } from '../imports/ImportIcon';
import './settings-links.css';

interface SettingsLink {
  to: string;
  title: string;
  text: string;
  icon: ReactNode;
}

const LINKS: SettingsLink[] = [
  {
    to: '/integrations/calendars',
    title: 'Calendars & video',
    text: 'Connect Google or Microsoft 365 calendars, block busy time, and choose Meet, Teams or Zoom per service.',
    icon: <CalendarIcon />,
  },
  {
    to: '/imports',
    title: 'Import',
    text: 'Bring customers, pets and vaccination records from a CSV file, with a preview of every row first.',
    icon: <ImportIcon />,
  },
  {
    to: '/activity',
    title: 'Team activity',
    text: 'Who is online, and who booked, cancelled, published or changed what.',
    icon: <ActivityIcon />,
  },
];

/** The settings sections that have a page of their own, listed on the Settings page. */
export function SettingsLinks() {
  return (
    <nav className="settings-links" aria-label="Settings sections">
      {LINKS.map((link) => (
        <Link key={link.to} to={link.to} className="card settings-link">
          <span className="settings-link-icon">{link.icon}</span>
          <span>
            <span className="settings-link-title">{link.title}</span>
            <span className="settings-link-text">{link.text}</span>
          </span>
        </Link>
      ))}
    </nav>
  );
}
