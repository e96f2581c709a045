import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { Tenant } from '../../db/entities';
import { ctxOf } from '../context';
import { requireRole } from '../middleware/require-role';
import { commonErrors } from '../openapi/describe-crud';
import { writeCsv } from '../services/reports/export-csv';
import { renderReportPdf } from '../services/reports/export-pdf';
import { renderXlsx } from '../services/reports/export-xlsx';
import { limitReport } from '../services/reports/limit-report';
import { runReport } from '../services/reports/run-report';
import { parseInput } from '../validate';
import { z } from '../zod';
import { reportNameParams, reportQuery } from './reports.schema';
import type { RouteModule } from './route-module';

const security = [{ bearerAuth: [] }];

/** /api/reports/:name: analytics for owners and admins, as JSON, CSV, XLSX or PDF. */
export const reportsRoutes: RouteModule = {
  path: '/reports',
  router: () => {
    const r = Router();
    r.get('/:name', requireRole('owner', 'admin'), async (req, res) => {
      const { name } = parseInput(reportNameParams, req.params, 'path');
      const query = parseInput(reportQuery, req.query, 'query');
      const ctx = ctxOf(req);
      const report = await runReport(ctx.em, ctx.tenantId, { name, ...query });
      const filename = `${name}-${report.period.fromDate}-${report.period.toDate}`;
      if (query.format === 'json') {
        res.json(report);
        return;
      }
      const limited = limitReport(report);
      if (query.format === 'csv') {
        res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${filename}.csv"`);
        await writeCsv(limited, res);
        res.end();
      } else if (query.format === 'xlsx') {
        const buffer = await renderXlsx(limited);
        res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').setHeader('Content-Disposition', `attachment; filename="${filename}.xlsx"`);
        res.send(buffer);
      } else {
        const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
        const buffer = await renderReportPdf(limited, tenant.branding.primaryColor);
        res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${filename}.pdf"`);
        res.send(buffer);
      }
    });
    return r;
  },
  document: (registry: OpenAPIRegistry) => {
    registry.registerPath({
      method: 'get', path: '/api/reports/{name}', tags: ['Reports'], security,
      summary: 'A report over a period in the business time zone, compared with the previous period (owner/admin)',
      request: { params: reportNameParams, query: reportQuery },
      responses: {
        200: {
          description: 'The report; CSV, XLSX or PDF with format=',
          content: {
            'application/json': { schema: z.object({}).passthrough() },
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
            'application/pdf': { schema: z.string() },
          },
        },
        ...commonErrors,
      },
    });
  },
};
