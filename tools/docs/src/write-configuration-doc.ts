// `npm run docs:config`: writes docs/configuration.md from the services' config schemas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIGURATION_DOC, configurationDoc } from './configuration-doc';
import { serviceEnvSchemas } from './service-env';

const root = fileURLToPath(new URL('../../../', import.meta.url));
writeFileSync(join(root, CONFIGURATION_DOC), configurationDoc(await serviceEnvSchemas(root)));
console.log(`wrote ${CONFIGURATION_DOC}`);
