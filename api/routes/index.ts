import { appointmentsRoutes } from './appointments.routes';
import { automationsRoutes } from './automations.routes';
import { executionsRoutes } from './executions.routes';
import { integrationsRoutes, messagesRoutes } from './messages.routes';
import { templatesRoutes } from './templates.routes';
import { customersRoutes } from './customers.routes';
import { locationsRoutes } from './locations.routes';
import { petsRoutes } from './pets.routes';
import type { RouteModule } from './route-module';
import { servicesRoutes } from './services.routes';
import { staffRoutes } from './staff.routes';
import { vaccinationsRoutes } from './vaccinations.routes';

/** Every authenticated resource, mounted under /api in this order. */
export const routeModules: readonly RouteModule[] = [
  servicesRoutes,
  staffRoutes,
  locationsRoutes,
  customersRoutes,
  petsRoutes,
  vaccinationsRoutes,
  appointmentsRoutes,
  automationsRoutes,
  executionsRoutes,
  templatesRoutes,
  messagesRoutes,
  integrationsRoutes,
];
