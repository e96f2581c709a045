import type { ReactNode } from 'react';
import {
  AutomationsIcon,
  CalendarIcon,
  CampaignsIcon,
  CustomersIcon,
  DashboardIcon,
  ExecutionsIcon,
  ReportsIcon,
  SettingsIcon,
} from '../components/icons';
import { ChatIcon } from '../chat/ChatIcon';

export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

/** The main sections; settings-like pages (calendars, import, team activity) are reached from Settings. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/dashboard', label: 'Dashboard', icon: <DashboardIcon /> },
  { to: '/calendar', label: 'Calendar', icon: <CalendarIcon /> },
  { to: '/customers', label: 'Customers', icon: <CustomersIcon /> },
  { to: '/automations', label: 'Automations', icon: <AutomationsIcon /> },
  { to: '/executions', label: 'Executions', icon: <ExecutionsIcon /> },
  { to: '/campaigns', label: 'Campaigns', icon: <CampaignsIcon /> },
  { to: '/reports', label: 'Reports', icon: <ReportsIcon /> },
  { to: '/chat', label: 'Chat', icon: <ChatIcon /> },
  { to: '/settings', label: 'Settings', icon: <SettingsIcon /> },
];
