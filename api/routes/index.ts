import { appointmentsRoutes } from './appointments.routes';
import { availabilityRoutes } from './availability.routes';
import { membershipPlansRoutes, membershipsRoutes, packagePurchasesRoutes, packagesRoutes, paymentsRoutes } from './commerce.routes';
import { calendarFeedsRoutes, insightsRoutes, petDocumentsRoutes, waitlistRoutes } from './engagement.routes';
import { portalRoutes } from './portal.routes';
import { chatPortalRoutes } from './chat-portal.routes';
import { chatRoutes } from './chat.routes';
import { activityRoutes } from './activity.routes';
import { publicRoutes } from './public.routes';
import { reportsRoutes } from './reports.routes';
import { reportSchedulesRoutes } from './reports-schedules.routes';
import { dashboardRoutes } from './dashboard.routes';
import { settingsRoutes } from './settings.routes';
import { dateOverridesRoutes, externalBusyRoutes, staffHoursRoutes, timeOffRoutes } from './schedule.routes';
import { automationsRoutes } from './automations.routes';
import { executionsRoutes } from './executions.routes';
import { integrationsRoutes, messagesRoutes } from './messages.routes';
import { calendarRoutes } from './calendar.routes';
import { calendarCallbacksRoutes } from './calendar-callbacks.routes';
import { templatesRoutes } from './templates.routes';
import { customersRoutes } from './customers.routes';
import { locationsRoutes } from './locations.routes';
import { petsRoutes } from './pets.routes';
import type { RouteModule } from './route-module';
import { servicesRoutes } from './services.routes';
import { staffRoutes } from './staff.routes';
import { vaccinationsRoutes } from './vaccinations.routes';
import { importsRoutes } from './imports.routes';
import { segmentsRoutes } from './segments.routes';
import { campaignsRoutes } from './campaigns.routes';

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
  calendarRoutes,
  reportsRoutes,
  reportSchedulesRoutes,
  dashboardRoutes,
  importsRoutes,
  segmentsRoutes,
  campaignsRoutes,
  chatRoutes,
  activityRoutes,
];

/** Reached without a staff token: the public booking page and the customer portal (its own sign-in). */
export const openRouteModules: readonly RouteModule[] = [calendarCallbacksRoutes, publicRoutes, chatPortalRoutes, portalRoutes];
