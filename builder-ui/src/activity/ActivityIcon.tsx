import { Icon } from '../components/icons';

export const ActivityIcon = () => (
  <Icon>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6" />
    <path d="M16 11h5M18.5 8.5v5" />
  </Icon>
);
