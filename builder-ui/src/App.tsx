import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RedirectIfSignedIn, RequireSession } from './auth/RequireSession';
import { AppShell } from './layout/AppShell';
import { AutomationsPage } from './pages/automations/AutomationsPage';
import { CalendarPage } from './pages/CalendarPage';
import { CustomerDetailPage } from './pages/customers/CustomerDetailPage';
import { CustomersPage } from './pages/customers/CustomersPage';
import { NewCustomerPage } from './pages/customers/NewCustomerPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { ExecutionsPage } from './pages/executions/ExecutionsPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignupPage } from './pages/SignupPage';
import { FullPageSpinner } from './components/Spinner';

// The canvas (React Flow, dagre, the DSL) loads only when a flow is opened.
const EditorPage = lazy(() => import('./builder/EditorPage').then((m) => ({ default: m.EditorPage })));
// The customer-facing pages (booking page, portal) carry none of the admin shell.
const BookingPage = lazy(() => import('./booking/BookingPage').then((m) => ({ default: m.BookingPage })));
const PortalApp = lazy(() => import('./portal/PortalApp').then((m) => ({ default: m.PortalApp })));
const ExecutionDetailPage = lazy(() => import('./pages/executions/ExecutionDetailPage').then((m) => ({ default: m.ExecutionDetailPage })));
const TemplatesPage = lazy(() => import('./templates/TemplatesPage').then((m) => ({ default: m.TemplatesPage })));
const TemplateEditorPage = lazy(() => import('./templates/TemplateEditorPage').then((m) => ({ default: m.TemplateEditorPage })));
// Reports carry recharts; they load when opened.
const ReportsPage = lazy(() => import('./reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const ImportsPage = lazy(() => import('./imports/ImportsPage').then((m) => ({ default: m.ImportsPage })));
const ChatPage = lazy(() => import('./chat/ChatPage').then((m) => ({ default: m.ChatPage })));
const ActivityPage = lazy(() => import('./activity/ActivityPage').then((m) => ({ default: m.ActivityPage })));
const CalendarsSettingsPage = lazy(() => import('./settings/CalendarsSettingsPage').then((m) => ({ default: m.CalendarsSettingsPage })));
const SegmentsPage = lazy(() => import('./segments/SegmentsPage').then((m) => ({ default: m.SegmentsPage })));
const CampaignsPage = lazy(() => import('./campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage })));
const CampaignDetailPage = lazy(() => import('./campaigns/CampaignDetailPage').then((m) => ({ default: m.CampaignDetailPage })));
const WaitlistOfferPage = lazy(() => import('./waitlist/WaitlistOfferPage').then((m) => ({ default: m.WaitlistOfferPage })));

const loading = (page: ReactNode) => <Suspense fallback={<FullPageSpinner label="Loading" />}>{page}</Suspense>;

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<RedirectIfSignedIn><LoginPage /></RedirectIfSignedIn>} />
      <Route path="/signup" element={<RedirectIfSignedIn><SignupPage /></RedirectIfSignedIn>} />
      <Route path="/book/:slug" element={loading(<BookingPage />)} />
      <Route path="/portal/*" element={loading(<PortalApp />)} />
      <Route path="/waitlist/offers/:token" element={loading(<WaitlistOfferPage />)} />
      <Route element={<RequireSession><AppShell /></RequireSession>}>
        <Route index element={<Navigate to="/dashboard" replace />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="customers" element={<CustomersPage />} />
        <Route path="customers/new" element={<NewCustomerPage />} />
        <Route path="customers/:id" element={<CustomerDetailPage />} />
        <Route path="automations" element={<AutomationsPage />} />
        <Route path="automations/templates" element={loading(<TemplatesPage />)} />
        <Route path="automations/templates/new" element={loading(<TemplateEditorPage />)} />
        <Route path="automations/templates/:id" element={loading(<TemplateEditorPage />)} />
        <Route path="automations/:id" element={loading(<EditorPage />)} />
        <Route path="executions" element={<ExecutionsPage />} />
        <Route path="executions/:id" element={loading(<ExecutionDetailPage />)} />
        <Route path="reports" element={loading(<ReportsPage />)} />
        <Route path="reports/:name" element={loading(<ReportsPage />)} />
        <Route path="imports" element={loading(<ImportsPage />)} />
        <Route path="chat" element={loading(<ChatPage />)} />
        <Route path="chat/:customerId" element={loading(<ChatPage />)} />
        <Route path="activity" element={loading(<ActivityPage />)} />
        <Route path="segments" element={loading(<SegmentsPage />)} />
        <Route path="campaigns" element={loading(<CampaignsPage />)} />
        <Route path="campaigns/:id" element={loading(<CampaignDetailPage />)} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="integrations/calendars" element={loading(<CalendarsSettingsPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
