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
  { to: '/reports', label: 'Reports', icon: <ReportsIcon /> },
  { to: '/settings', label: 'Settings', icon: <SettingsIcon /> },
];
