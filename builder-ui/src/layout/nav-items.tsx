import type { ReactNode } from 'react';
import {
  AutomationsIcon,
  CalendarIcon,
  CustomersIcon,
  DashboardIcon,
  ExecutionsIcon,
  ReportsIcon,
  SettingsIcon,
} from '../components/icons';
import { ChatIcon } from '../chat/ChatIcon';
import { ActivityIcon } from '../activity/ActivityIcon';
import { ImportIcon } from '../imports/ImportIcon';

export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/dashboard', label: 'Dashboard', icon: <DashboardIcon /> },
  { to: '/calendar', label: 'Calendar', icon: <CalendarIcon /> },
  { to: '/customers', label: 'Customers', icon: <CustomersIcon /> },
  { to: '/automations', label: 'Automations', icon: <AutomationsIcon /> },
  { to: '/executions', label: 'Executions', icon: <ExecutionsIcon /> },
  { to: '/campaigns', label: 'Campaigns', icon: <CustomersIcon /> },
  { to: '/reports', label: 'Reports', icon: <ReportsIcon /> },
  { to: '/chat', label: 'Chat', icon: <ChatIcon /> },
  { to: '/activity', label: 'Team activity', icon: <ActivityIcon /> },
  { to: '/imports', label: 'Import', icon: <ImportIcon /> },
  { to: '/integrations/calendars', label: 'Calendars & video', icon: <CalendarIcon /> },
  { to: '/settings', label: 'Settings', icon: <SettingsIcon /> },
];
