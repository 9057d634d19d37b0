import { z } from '@hono/zod-openapi';
import type { ServiceContext } from '../../platform/app-env';
import type { Db } from '../../platform/db';
import { type SettingView, versionedSetting } from './versioned-setting';

/**
 * Whether a valid Privacy Mark or ISMS certificate is shown beside a contractor's risk
 * reasons as a mitigating factor. Off until an organisation decides it weighs in its
 * own assessment: a certificate is evidence of a management system, not of how this
 * contractor handles this data (APPI Art. 25 still asks for the organisation's own check).
 */
const setting = versionedSetting('certificate-mitigation', 'certificate_mitigation.update', {
  showAsMitigating: false,
});

export type CertificateMitigationView = SettingView<{ showAsMitigating: boolean }>;

export const readCertificateMitigation = (db: Db): Promise<CertificateMitigationView> => setting.read(db);
export const getCertificateMitigation = (ctx: ServiceContext) => setting.read(ctx.db);
export const updateCertificateMitigation = (
  ctx: ServiceContext,
  input: { showAsMitigating: boolean },
  ifMatch: string | undefined,
) => setting.update(ctx, { showAsMitigating: input.showAsMitigating }, ifMatch);

export const CertificateMitigationSchema = z
  .object({
    showAsMitigating: z.boolean(),
    version: z.number().int().openapi({ description: '0 while the default (off) applies' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('CertificateMitigation', {
    description:
      'When on, the contractor’s page lists its valid Privacy Mark or ISMS certificate beside its risk factors as a mitigating factor (the same certificates as `GET /documents?contractorId=…&status=valid`); the risk tier itself does not change.',
  });

export const PatchCertificateMitigationSchema = z
  .strictObject({ showAsMitigating: z.boolean() })
  .openapi('PatchCertificateMitigation');
