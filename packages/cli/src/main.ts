import { Command, CommanderError, Option } from 'commander';
import { createSubscription, deleteSubscription, listSubscriptions, sendEvent } from './commands/api.js';
import { listen } from './commands/listen.js';
import { replay } from './commands/replay.js';
import { serve } from './commands/serve.js';
import { trigger } from './commands/trigger.js';
import { verify } from './commands/verify.js';
import { FailureError, UsageError } from './errors.js';
import { type Io, painter } from './io.js';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const examples = (lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;

const EXIT_CODES = '\nExit codes: 0 success, 1 verification or delivery failure, 2 usage error.\n';

/** Runs the `hookwire` command line; resolves to the exit code. `listen` resolves when `stop` does. */
export async function main(argv: string[], io: Io, stop?: Promise<void>): Promise<number> {
  let code: number = EXIT.ok;
  const paint = painter(io.colorErr);
  const program = new Command('hookwire')
    .description('Trigger, verify, listen for and replay webhooks of 59 providers; drive a Hookwire server.')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(paint('red', text)),
    })
    .addHelpText(
      'after',
      `${examples([
        'hookwire trigger github push --to http://localhost:3000/webhooks/github',
        'hookwire listen --provider stripe --secret whsec_… --forward-to http://localhost:8080/stripe',
        'hookwire verify stripe --secret whsec_… --request captured.http',
      ])}${EXIT_CODES}`,
    );
  const json = () => new Option('--json', 'print JSON for scripts');
  const run =
    (action: (...args: any[]) => Promise<number | undefined>) =>
    async (...args: any[]) => {
      const result = await action(...args);
      if (typeof result === 'number') code = result;
    };

  program
    .command('trigger')
    .description(
      "send a realistic, correctly signed webhook of a provider, signed by the provider package's own test signer",
    )
    .argument('[provider]', 'e.g. github, stripe, slack (see --list)')
    .argument('[event]', "one of the provider's sample events (default: its first)")
    .option('--to <url>', 'where to send it')
    .option('--secret <secret>', "the provider's secret (default: the demo's development secret)")
    .option('--data <file>', 'a JSON file (or - for stdin) replacing the sample payload')
    .option('--list', 'list the providers and their sample events')
    .addOption(json())
    .addHelpText(
      'after',
      `${examples([
        'hookwire trigger --list',
        'hookwire trigger github issues.opened --to http://localhost:3000/webhooks/github --secret s3cret',
        'hookwire trigger slack url_verification --to http://localhost:3000/webhooks/slack',
        'hookwire trigger stripe payment_intent.succeeded --to http://localhost:3030/ --data ./event.json',
      ])}${EXIT_CODES}`,
    )
    .action(run((provider, event, options) => trigger(io, provider, event, options)));

  program
    .command('verify')
    .description('check a captured request against a secret and, when it fails, say why')
    .argument('<provider>')
    .option('--secret <secret>', "the provider's secret (default: the demo's development secret)")
    .option(
      '--request <file>',
      'a raw HTTP/1.1 request, a curl command or a request saved by listen (- for stdin)',
    )
    .option('--curl <command>', 'a curl command line, e.g. from "Copy as cURL"')
    .option(
      '--public-url <url>',
      'the public base URL the provider signed, when the request came through a proxy',
    )
    .addOption(json())
    .addHelpText(
      'after',
      `${examples([
        'hookwire verify github --secret s3cret --request .hookwire/requests/2026-03-02T10-15-02-123Z-github-1.json',
        "hookwire verify stripe --secret whsec_… --curl \"curl -X POST https://example.com/hook -H 'Stripe-Signature: t=…' -d '{…}'\"",
        'pbpaste | hookwire verify slack --secret … --request -',
      ])}${EXIT_CODES}`,
    )
    .action(run((provider, options) => verify(io, provider, options)));

  program
    .command('listen')
    .description(
      'a local receiver: verifies each request, answers as the provider expects, prints a line per webhook and saves it',
    )
    .option('--provider <name>', 'the provider whose webhooks arrive')
    .option('--secret <secret>', "the provider's secret (default: the demo's development secret)")
    .option('--port <port>', 'port on 127.0.0.1', '3030')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--forward-to <url>', 'also send each request, unchanged, to your app and print its answer')
    .option('--save-dir <dir>', 'where each request is saved as JSON', '.hookwire/requests')
    .option('--public-url <url>', 'the public base URL the provider signed (tunnels, proxies)')
    .addOption(json())
    .addHelpText(
      'after',
      `${examples([
        'hookwire listen --provider github --secret s3cret',
        'hookwire listen --provider stripe --secret whsec_… --port 4000 --forward-to http://localhost:8080/webhooks/stripe',
      ])}${EXIT_CODES}`,
    )
    .action(
      run(async (options) => {
        const listener = await listen(io, options);
        await (stop ?? waitForSignal());
        await listener.close();
        return EXIT.ok;
      }),
    );

  program
    .command('replay')
    .description(
      'send a request saved by listen again, byte for byte (re-signed at the current time with --secret)',
    )
    .argument('<saved-request>', 'a JSON file written by listen')
    .option('--to <url>', 'where to send it')
    .option('--secret <secret>', 're-sign with this secret and a new timestamp')
    .option('--provider <name>', 'the provider, when the saved file does not say')
    .addOption(json())
    .addHelpText(
      'after',
      `${examples([
        'hookwire replay .hookwire/requests/2026-03-02T10-15-02-123Z-github-1.json --to http://localhost:8080/webhooks/github',
        'hookwire replay saved.json --to http://localhost:3000/webhooks/stripe --secret whsec_…',
      ])}${EXIT_CODES}`,
    )
    .action(run((file, options) => replay(io, file, options)));

  program
    .command('serve')
    .description(
      "run Hookwire as a service: the demo's server (receivers behind the durable inbox, the sender, the management API, the console), configured by the same environment variables",
    )
    .option('--port <port>', 'the HTTP port (or PORT; default 3000)')
    .addHelpText(
      'after',
      `${examples([
        'hookwire serve',
        'HOOKWIRE_DATABASE=postgres://postgres@127.0.0.1:5432/hookwire HOOKWIRE_REDIS_URL=redis://127.0.0.1:6379 hookwire serve --port 8080',
      ])}\nEnvironment: PORT, HOOKWIRE_DATABASE, HOOKWIRE_REDIS_URL, HOOKWIRE_ROLE, HOOKWIRE_API_TOKENS, HOOKWIRE_OPERATOR_TOKEN, HOOKWIRE_<PROVIDER>_SECRET… (see the @hookwire/server README).\n${EXIT_CODES}`,
    )
    .action(run((options) => serve(io, options, stop ?? waitForSignal())));

  const serverOptions = (command: Command) =>
    command
      .option('--server <url>', 'the Hookwire server (or HOOKWIRE_SERVER)')
      .option('--token <token>', 'an API token (or HOOKWIRE_TOKEN)')
      .addOption(json());

  serverOptions(
    program
      .command('send')
      .description("publish an event through a server's management API (POST /api/events)")
      .argument('<type>', 'the event type, e.g. invoice.paid')
      .option('--data <file>', 'the JSON data (a file, or - for stdin)')
      .option('--id <id>', 'an idempotency id'),
  )
    .addHelpText(
      'after',
      `${examples(['hookwire send invoice.paid --data invoice.json --server http://localhost:3000 --token dev-operator-token', 'echo \'{"total":42}\' | HOOKWIRE_SERVER=http://localhost:3000 HOOKWIRE_TOKEN=… hookwire send invoice.paid --data -'])}${EXIT_CODES}`,
    )
    .action(run((type, options) => sendEvent(io, type, options)));

  const subscriptions = program
    .command('subscriptions')
    .description("list, create and delete subscriptions through a server's management API")
    .addHelpText(
      'after',
      `${examples(['hookwire subscriptions list --server http://localhost:3000 --token …', 'hookwire subscriptions create --url https://example.com/hook --events "invoice.*"', 'hookwire subscriptions delete sub_123'])}${EXIT_CODES}`,
    );
  serverOptions(subscriptions.command('list').description('list the subscriptions'))
    .addHelpText('after', examples(['hookwire subscriptions list --json']))
    .action(run((options) => listSubscriptions(io, options)));
  serverOptions(
    subscriptions
      .command('create')
      .description('create a subscription (prints its secret once)')
      .option('--url <url>', 'the endpoint to deliver to')
      .option('--events <filters>', 'comma-separated filters such as invoice.*,order.paid', '*')
      .option('--secret <secret>', 'its signing secret (default: generated)')
      .option('--description <text>', 'a description'),
  )
    .addHelpText(
      'after',
      examples([
        'hookwire subscriptions create --url https://example.com/hook --events "invoice.*,order.paid"',
      ]),
    )
    .action(run((options) => createSubscription(io, options)));
  serverOptions(subscriptions.command('delete').description('delete a subscription').argument('<id>'))
    .addHelpText('after', examples(['hookwire subscriptions delete sub_123']))
    .action(run((id, options) => deleteSubscription(io, id, options)));

  for (const command of [program, ...program.commands, ...subscriptions.commands]) {
    command.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError();
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync')
        return EXIT.usage;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.err(paint('red', `error: ${error.message}\n`));
      return EXIT.usage;
    }
    if (error instanceof FailureError) {
      io.err(paint('red', `error: ${error.message}\n`));
      return EXIT.failure;
    }
    io.err(paint('red', `error: ${error instanceof Error ? error.message : String(error)}\n`));
    return EXIT.failure;
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
