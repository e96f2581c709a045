import { appointmentsRoutes } from './appointments.routes';
import { availabilityRoutes } from './availability.routes';
import { membershipPlansRoutes, membershipsRoutes, packagePurchasesRoutes, packagesRoutes, paymentsRoutes } from './commerce.routes';
import { calendarFeedsRoutes, insightsRoutes, petDocumentsRoutes, waitlistRoutes } from './engagement.routes';
import { portalRoutes } from './portal.routes';
import { publicRoutes } from './public.routes';
import { reportsRoutes } from './reports.routes';
import { dashboardRoutes } from './dashboard.routes';
import { settingsRoutes } from './settings.routes';
import { dateOverridesRoutes, externalBusyRoutes, staffHoursRoutes, timeOffRoutes } from './schedule.routes';
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
  staffHoursRoutes,
  staffRoutes,
  locationsRoutes,
  customersRoutes,
  petsRoutes,
  vaccinationsRoutes,
  appointmentsRoutes,
  availabilityRoutes,
  timeOffRoutes,
  dateOverridesRoutes,
  externalBusyRoutes,
  waitlistRoutes,
  packagesRoutes,
  packagePurchasesRoutes,
  membershipPlansRoutes,
  membershipsRoutes,
  paymentsRoutes,
  calendarFeedsRoutes,
  petDocumentsRoutes,
  insightsRoutes,
  settingsRoutes,
  automationsRoutes,
  executionsRoutes,
  templatesRoutes,
  messagesRoutes,
  integrationsRoutes,
  reportsRoutes,
  dashboardRoutes,
];

/** Reached without a staff token: the public booking page and the customer portal (its own sign-in). */
export const openRouteModules: readonly RouteModule[] = [publicRoutes, portalRoutes];
