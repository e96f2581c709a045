import type { SVGProps } from 'react';
import { Icon } from '../components/icons';

/** A tray with an arrow coming in: the Import page in the navigation. */
export const ImportIcon = (p: SVGProps<SVGSVGElement>) => (
  <Icon {...p}>
    <path d="M12 3v12" />
    <path d="m7 10 5 5 5-5" />
    <path d="M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" />
  </Icon>
);
