import { registerEnumType } from 'type-graphql';
import { Axis } from '../domain/sector';

let registered = false;

/** Names the sector's enums in every schema; called where a subgraph's schema is built, once per process. */
export function registerSectorTypes(): void {
  if (registered) return;
  registered = true;
  registerEnumType(Axis, {
    name: 'Axis',
    description: 'The six axes of municipal initiatives and campaigns.',
    valuesConfig: {
      HEALTH_AWARENESS: { description: 'التوعية الصحية — health awareness' },
      E_SERVICES: { description: 'الخدمات الإلكترونية — e-services' },
      INTERACTIVE_SERVICES: { description: 'الخدمات التفاعلية — interactive services' },
      INFRASTRUCTURE: { description: 'البنية التحتية — infrastructure' },
      OVERSIGHT: { description: 'الرقابة — oversight and inspection' },
      PROCEDURE_IMPROVEMENT: { description: 'تحسين الإجراءات — procedure improvement' },
    },
  });
}
