/** The options page's "Test connection": who the stored credentials sign in as. */
import { whoAmI } from '../github/client';
import type { MessageOf, ResponseMap } from '../messages';
import { fail, ok } from '../result';
import type { Services } from './services';

/** "Demo Developer (@demo)", or "@demo" without a name. */
const identity = (name: string | null | undefined, login: string) =>
  name ? `${name} (@${login})` : `@${login}`;

export async function testConnection(
  services: Services,
  { service }: MessageOf<'connection.test'>,
): Promise<ResponseMap['connection.test']> {
  if (service === 'trello') {
    const me = await (await services.trello()).client.me();
    if (!me.ok) return me;
    return ok({ service, who: identity(me.value.fullName, me.value.username) });
  }
  const github = await services.github();
  if (!github.connected)
    return fail(
      'not-connected',
      'No GitHub token saved: paste a fine-grained token in the options page.',
    );
  const me = await whoAmI(github.client);
  if (!me.ok) return me;
  return ok({ service, who: identity(me.value.name, me.value.login) });
}
