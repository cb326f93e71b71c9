
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'livedbctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'livedbctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'livedbctl' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('infra', 'infra', [CompletionResultType]::ParameterValue, 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'List, show, select and create connection profiles')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Database work: schema migrations and status, replication readiness for CDC')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Insert seed rows into PostgreSQL (the seed''s db-burst-writer)')
            [CompletionResult]::new('produce', 'produce', [CompletionResultType]::ParameterValue, 'Publish to Kafka: new PostgreSQL rows (`poll`, the seed''s producer) or JSON lines (`send`)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole pipeline for a newcomer: stack up, rows in, events out, then a verify of them')
            [CompletionResult]::new('connector', 'connector', [CompletionResultType]::ParameterValue, 'Change data capture: the built-in engine and its connectors')
            [CompletionResult]::new('redis', 'redis', [CompletionResultType]::ParameterValue, 'Inspect the profile''s Redis (`redis dump`)')
            [CompletionResult]::new('topic', 'topic', [CompletionResultType]::ParameterValue, 'Create, list, describe, alter and delete Kafka topics')
            [CompletionResult]::new('consume', 'consume', [CompletionResultType]::ParameterValue, 'Read topics: `tail` prints records; `sink`, `aggregate`, `route` run the downstream consumers')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Kafka consumer groups: list, describe (lag per partition), seek, delete')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Serve a live web page of the pipeline (flow, charts, events, results) with /metrics')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Watch the pipeline in the terminal, refreshed every second')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Reconcile rows, topic, sinks and dead letters up to a cut; ranges of ids missing, duplicated or different')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Where one row went: row, event, each group''s position, what it became downstream')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Judge the alert rules once: exit 1 when any fires, 0 when none (cron, CI, probes)')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Stream jobs: windowed aggregations, checked, tried on files, and run on Apache Flink')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;infra' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop what `infra up` started (never a service it merely reused)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each service: state, address, version, pid, who started it')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a service''s log')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;infra;up' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these services (comma-separated)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--no-topics', '--no-topics', [CompletionResultType]::ParameterName, 'Do not create the profile''s topics')
            [CompletionResult]::new('--no-migrate', '--no-migrate', [CompletionResultType]::ParameterName, 'Do not apply the SQL schema')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;infra;down' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these services (comma-separated)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Also delete their data directories (asks first; --yes skips the question)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;infra;status' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these services (comma-separated)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 1 unless every selected service answers (for scripts and health checks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;infra;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Only the last N lines')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'Only the last N lines')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing as the log grows (Ctrl-C ends)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing as the log grows (Ctrl-C ends)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;infra;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop what `infra up` started (never a service it merely reused)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each service: state, address, version, pid, who started it')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a service''s log')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;infra;help;up' {
            break
        }
        'livedbctl;infra;help;down' {
            break
        }
        'livedbctl;infra;help;status' {
            break
        }
        'livedbctl;infra;help;logs' {
            break
        }
        'livedbctl;infra;help;help' {
            break
        }
        'livedbctl;profile' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the default profile for this user')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented profile template')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;profile;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;profile;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;profile;use' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;profile;init' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Write to ~/.config/livedbctl/profiles instead of ./profiles')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;profile;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the default profile for this user')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented profile template')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;profile;help;list' {
            break
        }
        'livedbctl;profile;help;show' {
            break
        }
        'livedbctl;profile;help;use' {
            break
        }
        'livedbctl;profile;help;init' {
            break
        }
        'livedbctl;profile;help;help' {
            break
        }
        'livedbctl;db' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply the versioned SQL schema (idempotent, each migration in a transaction)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show applied and pending migrations, row counts, the producer''s offset and lag')
            [CompletionResult]::new('replication', 'replication', [CompletionResultType]::ParameterValue, 'Check or prepare the database for change data capture')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;db;migrate' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;db;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;db;replication' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Create the replication role, grants, publication and replica identity (after confirmation)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;db;replication;check' {
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Tables to check as schema.table (repeatable); default: every table')
            [CompletionResult]::new('--retained-warn-bytes', '--retained-warn-bytes', [CompletionResultType]::ParameterName, 'Warn about inactive slots retaining more WAL than this many bytes')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;db;replication;setup' {
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table to capture as schema.table (repeatable)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Replication role to create (or alter)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the role''s password (never taken from the command line)')
            [CompletionResult]::new('--publication', '--publication', [CompletionResultType]::ParameterName, 'Publication to create or extend (Debezium''s default name)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--replica-identity-full', '--replica-identity-full', [CompletionResultType]::ParameterName, 'Set REPLICA IDENTITY FULL on the tables (before-images of updates and deletes)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;db;replication;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Create the replication role, grants, publication and replica identity (after confirmation)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;db;replication;help;check' {
            break
        }
        'livedbctl;db;replication;help;setup' {
            break
        }
        'livedbctl;db;replication;help;help' {
            break
        }
        'livedbctl;db;help' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply the versioned SQL schema (idempotent, each migration in a transaction)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show applied and pending migrations, row counts, the producer''s offset and lag')
            [CompletionResult]::new('replication', 'replication', [CompletionResultType]::ParameterValue, 'Check or prepare the database for change data capture')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;db;help;migrate' {
            break
        }
        'livedbctl;db;help;status' {
            break
        }
        'livedbctl;db;help;replication' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Create the replication role, grants, publication and replica identity (after confirmation)')
            break
        }
        'livedbctl;db;help;replication;check' {
            break
        }
        'livedbctl;db;help;replication;setup' {
            break
        }
        'livedbctl;db;help;help' {
            break
        }
        'livedbctl;seed' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('burst', 'burst', [CompletionResultType]::ParameterValue, 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;seed;burst' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Seed file: .csv with a header `org,amount,region`, or .json (an array of objects). Default: seed/livedb_seed.csv if present, else the copy built into livedbctl')
            [CompletionResult]::new('--rows', '--rows', [CompletionResultType]::ParameterName, 'Rows per burst')
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Time between bursts')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after inserting N rows')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Load mode: rows per second through COPY, or `max`')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Load mode: rows per COPY (each COPY is one transaction)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Insert one burst and exit')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;seed;help' {
            [CompletionResult]::new('burst', 'burst', [CompletionResultType]::ParameterValue, 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;seed;help;burst' {
            break
        }
        'livedbctl;seed;help;help' {
            break
        }
        'livedbctl;produce' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('poll', 'poll', [CompletionResultType]::ParameterValue, 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;produce;poll' {
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Rows per batch (one database read, one wait for Kafka''s acknowledgements, one offset update), fixed. [default: adaptive, 1000 rows doubling up to 10000 while a backlog lasts, back to 1000 once caught up]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How long to wait when no rows are pending')
            [CompletionResult]::new('--from-id', '--from-id', [CompletionResultType]::ParameterName, 'With --replay: publish again from this id on')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'With --replay: publish again the rows created at or after this time (e.g. 2026-11-22T04:00:00Z)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Publish everything pending, then exit')
            [CompletionResult]::new('--replay', '--replay', [CompletionResultType]::ParameterName, 'Rewind the offset (after confirmation) and publish the rows again; needs --from-id or --since')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;produce;send' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read lines from this file instead of stdin (''-'' is stdin)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read lines from this file instead of stdin (''-'' is stdin)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What a line is: json (checked; `null` is a tombstone) or raw (its bytes, unchecked)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The same key for every message')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Use this field''s value as the message key (dotted path, e.g. customer.id)')
            [CompletionResult]::new('--key-field', '--key-field', [CompletionResultType]::ParameterName, 'Use this field''s value as the message key (dotted path, e.g. customer.id)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Add a header to every message (repeatable): -H trace=abc')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Add a header to every message (repeatable): -H trace=abc')
            [CompletionResult]::new('--header-field', '--header-field', [CompletionResultType]::ParameterName, 'Take headers from this JSON object field''s members (dotted path); strings as they are, other values as JSON text, null as a null header')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Send every message to this partition (default: by key, or the dump''s partition)')
            [CompletionResult]::new('--partition', '--partition', [CompletionResultType]::ParameterName, 'Send every message to this partition (default: by key, or the dump''s partition)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Messages per second (default: as fast as the broker accepts them)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Messages per second (default: as fast as the broker accepts them)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--from-tail-json', '--from-tail-json', [CompletionResultType]::ParameterName, 'Each line is a `consume tail -o json` record: copy its key, value, headers, partition and timestamp exactly')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;produce;help' {
            [CompletionResult]::new('poll', 'poll', [CompletionResultType]::ParameterValue, 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;produce;help;poll' {
            break
        }
        'livedbctl;produce;help;send' {
            break
        }
        'livedbctl;produce;help;help' {
            break
        }
        'livedbctl;demo' {
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to write rows (e.g. 30s, 2m), from the first write; then it drains and checks. Without it, until Ctrl-C')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Rows per second written to PostgreSQL')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Seed file (default: seed/livedb_seed.csv, or the copy built into livedbctl)')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Producer batch size, fixed [default: adaptive, as `produce poll`]')
            [CompletionResult]::new('--job', '--job', [CompletionResultType]::ParameterName, 'The stream job to run instead (implies --stream)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--no-up', '--no-up', [CompletionResultType]::ParameterName, 'Use the services as they are: do not start anything')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'Also run the revenue-by-region stream job and show its results')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List connectors with state, slot position and lag')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show one connector: state, tables, topics, slot, lag')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Ask a running engine to stop (after acknowledging what is in flight)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a connector: drop its slot (and the publication it created)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a Kafka Connect connector (remote)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused Kafka Connect connector (remote)')
            [CompletionResult]::new('offsets', 'offsets', [CompletionResultType]::ParameterValue, 'Show a connector''s position (Connect''s offsets shape); move a stopped remote one')
            [CompletionResult]::new('graduate', 'graduate', [CompletionResultType]::ParameterValue, 'Move a connector between the built-in engine and Kafka Connect without loss')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;connector;start' {
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table to capture as schema.table (repeatable); defaults to the connector''s stored tables')
            [CompletionResult]::new('--topic-prefix', '--topic-prefix', [CompletionResultType]::ParameterName, 'Topic prefix: events go to <prefix>.<schema>.<table> (Debezium''s topic.prefix) [default: db]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Replication slot name (default: the connector name, made a valid slot name)')
            [CompletionResult]::new('--publication', '--publication', [CompletionResultType]::ParameterName, 'Publication name (default: <slot>_pub); reused when it exists')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'When to emit existing rows as `r` events [default: the stored mode, else initial]')
            [CompletionResult]::new('--decimal-handling', '--decimal-handling', [CompletionResultType]::ParameterName, 'How numeric/decimal and money columns are written (Debezium''s decimal.handling.mode) [default: the stored mode, else precise]')
            [CompletionResult]::new('--skipped-operations', '--skipped-operations', [CompletionResultType]::ParameterName, 'Change kinds not to emit, comma-separated c,u,d,t or `none` (Debezium''s skipped.operations) [default: the stored list, else t]')
            [CompletionResult]::new('--heartbeat-interval', '--heartbeat-interval', [CompletionResultType]::ParameterName, 'Publish a heartbeat to __debezium-heartbeat.<prefix> this often (Debezium''s heartbeat.interval.ms) [default: off]')
            [CompletionResult]::new('--heartbeat-action-query', '--heartbeat-action-query', [CompletionResultType]::ParameterName, 'SQL run on each heartbeat, e.g. an INSERT into a published table so the slot of a quiet database advances (Debezium''s heartbeat.action.query)')
            [CompletionResult]::new('--xmin-fetch-interval', '--xmin-fetch-interval', [CompletionResultType]::ParameterName, 'Read the slot''s catalog_xmin this often for source.xmin (Debezium''s xmin.fetch.interval.ms) [default: off, xmin is null]')
            [CompletionResult]::new('--batch-changes', '--batch-changes', [CompletionResultType]::ParameterName, 'Ignored: the slot is streamed, not polled (kept so scripts that pass it still run)')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Ignored: the slot is streamed, not polled (kept so scripts that pass it still run)')
            [CompletionResult]::new('--stats-interval', '--stats-interval', [CompletionResultType]::ParameterName, 'How often the status line / JSON stats are refreshed')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Partitions of topics created by the connector')
            [CompletionResult]::new('--replication-factor', '--replication-factor', [CompletionResultType]::ParameterName, 'Replication factor of topics created by the connector')
            [CompletionResult]::new('--database-hostname', '--database-hostname', [CompletionResultType]::ParameterName, 'Remote: the database host as the Kafka Connect workers reach it [default: the profile''s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Remote: how long to wait until the connector and all tasks are RUNNING')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--no-tombstones', '--no-tombstones', [CompletionResultType]::ParameterName, 'Do not follow deletes with a tombstone (Debezium''s tombstones.on.delete=false)')
            [CompletionResult]::new('--schemas-enable', '--schemas-enable', [CompletionResultType]::ParameterName, 'Wrap keys and values as {"schema": ..., "payload": ...} (Connect''s schemas.enable=true)')
            [CompletionResult]::new('--transaction-metadata', '--transaction-metadata', [CompletionResultType]::ParameterName, 'Write BEGIN/END records to <prefix>.transaction and fill each event''s `transaction` block (Debezium''s provide.transaction.metadata)')
            [CompletionResult]::new('--extended-headers', '--extended-headers', [CompletionResultType]::ParameterName, 'Put Debezium''s __debezium.context.* headers (logical name, task id, connector, run id) on every change record (Debezium''s extended.headers.enabled; off by default, see docs/connector.md)')
            [CompletionResult]::new('--until-idle', '--until-idle', [CompletionResultType]::ParameterName, 'Exit once everything available has been delivered (for scripts and backfills)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine')
            [CompletionResult]::new('--builtin', '--builtin', [CompletionResultType]::ParameterName, 'Use the built-in engine even when the profile names a Kafka Connect URL')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;list' {
            [CompletionResult]::new('--lag-warn-bytes', '--lag-warn-bytes', [CompletionResultType]::ParameterName, 'Warn when a slot''s lag exceeds this many bytes')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine')
            [CompletionResult]::new('--builtin', '--builtin', [CompletionResultType]::ParameterName, 'Use the built-in engine even when the profile names a Kafka Connect URL')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;status' {
            [CompletionResult]::new('--lag-warn-bytes', '--lag-warn-bytes', [CompletionResultType]::ParameterName, 'Warn when the slot''s lag exceeds this many bytes')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine')
            [CompletionResult]::new('--builtin', '--builtin', [CompletionResultType]::ParameterName, 'Use the built-in engine even when the profile names a Kafka Connect URL')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;stop' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the engine to exit')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine')
            [CompletionResult]::new('--builtin', '--builtin', [CompletionResultType]::ParameterName, 'Use the built-in engine even when the profile names a Kafka Connect URL')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--keep-publication', '--keep-publication', [CompletionResultType]::ParameterName, 'Keep the publication even when livedbctl created it')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine')
            [CompletionResult]::new('--builtin', '--builtin', [CompletionResultType]::ParameterName, 'Use the built-in engine even when the profile names a Kafka Connect URL')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Connector definition (JSON or YAML)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Connector definition (JSON or YAML)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Connector name (overrides the file''s)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for RUNNING')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Do not wait for RUNNING')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;restart' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--include-tasks', '--include-tasks', [CompletionResultType]::ParameterName, 'Restart the tasks too')
            [CompletionResult]::new('--only-failed', '--only-failed', [CompletionResultType]::ParameterName, 'Only what has FAILED')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'After the restart, wait until the connector and all tasks are RUNNING')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;pause' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait until the connector and its tasks are PAUSED')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;resume' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait until the connector and its tasks are RUNNING')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;offsets' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Resume streaming from this LSN (0/16B3748 or a number); the slot must still hold it')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Forget the offsets: started again, the connector begins as a new one (its snapshot mode decides)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine')
            [CompletionResult]::new('--builtin', '--builtin', [CompletionResultType]::ParameterName, 'Use the built-in engine even when the profile names a Kafka Connect URL')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;graduate' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where the connector goes')
            [CompletionResult]::new('--database-hostname', '--database-hostname', [CompletionResultType]::ParameterName, '--to remote: the database host as the Kafka Connect workers reach it [default: the profile''s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each engine to stop and start')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;connector;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List connectors with state, slot position and lag')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show one connector: state, tables, topics, slot, lag')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Ask a running engine to stop (after acknowledging what is in flight)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a connector: drop its slot (and the publication it created)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a Kafka Connect connector (remote)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused Kafka Connect connector (remote)')
            [CompletionResult]::new('offsets', 'offsets', [CompletionResultType]::ParameterValue, 'Show a connector''s position (Connect''s offsets shape); move a stopped remote one')
            [CompletionResult]::new('graduate', 'graduate', [CompletionResultType]::ParameterValue, 'Move a connector between the built-in engine and Kafka Connect without loss')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;connector;help;start' {
            break
        }
        'livedbctl;connector;help;list' {
            break
        }
        'livedbctl;connector;help;status' {
            break
        }
        'livedbctl;connector;help;stop' {
            break
        }
        'livedbctl;connector;help;delete' {
            break
        }
        'livedbctl;connector;help;apply' {
            break
        }
        'livedbctl;connector;help;restart' {
            break
        }
        'livedbctl;connector;help;pause' {
            break
        }
        'livedbctl;connector;help;resume' {
            break
        }
        'livedbctl;connector;help;offsets' {
            break
        }
        'livedbctl;connector;help;graduate' {
            break
        }
        'livedbctl;connector;help;help' {
            break
        }
        'livedbctl;redis' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Every key with its type, TTL and value (first N items per collection), without blocking the server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;redis;dump' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Only keys matching this glob pattern (SCAN MATCH), e.g. ''livedb:agg:*''')
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Only keys matching this glob pattern (SCAN MATCH), e.g. ''livedb:agg:*''')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only keys of these types (comma-separated): string, list, set, zset, hash, stream')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only keys of these types (comma-separated): string, list, set, zset, hash, stream')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Items shown per collection (0: all)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items shown per collection (0: all)')
            [CompletionResult]::new('--scan-count', '--scan-count', [CompletionResultType]::ParameterName, 'Keys examined per SCAN call (a hint to the server; larger is faster, smaller pauses it less)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;redis;help' {
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Every key with its type, TTL and value (first N items per collection), without blocking the server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;redis;help;dump' {
            break
        }
        'livedbctl;redis;help;help' {
            break
        }
        'livedbctl;topic' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a topic, or every topic the profile declares')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partitions, replication and message counts')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a topic''s partitions (leader, replicas, ISR, offsets) and configs')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Change a topic''s configs incrementally (--set k=v, --delete k)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics (shows what will go and asks first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;topic;create' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Number of partitions [default: the profile''s, else 1]')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Number of partitions [default: the profile''s, else 1]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Replicas per partition [default: the profile''s, else 1]')
            [CompletionResult]::new('--replication-factor', '--replication-factor', [CompletionResultType]::ParameterName, 'Replicas per partition [default: the profile''s, else 1]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Topic config key=value (repeatable), e.g. -c cleanup.policy=compact')
            [CompletionResult]::new('--topic-config', '--topic-config', [CompletionResultType]::ParameterName, 'Topic config key=value (repeatable), e.g. -c cleanup.policy=compact')
            [CompletionResult]::new('--retention-ms', '--retention-ms', [CompletionResultType]::ParameterName, 'Shorthand for -c retention.ms=MS')
            [CompletionResult]::new('--retention-bytes', '--retention-bytes', [CompletionResultType]::ParameterName, 'Shorthand for -c retention.bytes=BYTES')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--if-not-exists', '--if-not-exists', [CompletionResultType]::ParameterName, 'Succeed when the topic already exists')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be created without creating anything')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;topic;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Include internal topics (names starting with `__`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include internal topics (names starting with `__`)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;topic;describe' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;topic;alter' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set a config key=value (repeatable), e.g. --set retention.ms=86400000')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Remove a config override so the default applies again (repeatable)')
            [CompletionResult]::new('--retention-ms', '--retention-ms', [CompletionResultType]::ParameterName, 'Shorthand for --set retention.ms=MS')
            [CompletionResult]::new('--retention-bytes', '--retention-bytes', [CompletionResultType]::ParameterName, 'Shorthand for --set retention.bytes=BYTES')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;topic;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;topic;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a topic, or every topic the profile declares')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partitions, replication and message counts')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a topic''s partitions (leader, replicas, ISR, offsets) and configs')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Change a topic''s configs incrementally (--set k=v, --delete k)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics (shows what will go and asks first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;topic;help;create' {
            break
        }
        'livedbctl;topic;help;list' {
            break
        }
        'livedbctl;topic;help;describe' {
            break
        }
        'livedbctl;topic;help;alter' {
            break
        }
        'livedbctl;topic;help;delete' {
            break
        }
        'livedbctl;topic;help;help' {
            break
        }
        'livedbctl;consume' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print records of topics as they arrive (or a bounded range of them)')
            [CompletionResult]::new('sink', 'sink', [CompletionResultType]::ParameterValue, 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction')
            [CompletionResult]::new('aggregate', 'aggregate', [CompletionResultType]::ParameterValue, 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold')
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Forward each event to a topic named from its fields, with a rule-based command side channel')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;consume;tail' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where to start (and stop): start|end|N|-N|+N|@TIME, or a range A:B with B exclusive. TIME: epoch milliseconds, RFC 3339, a date, or a duration back from now (@-10m). [default: end, or the group''s committed offsets with --group]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after printing N records')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after printing N records')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only these partitions (repeatable or comma-separated)')
            [CompletionResult]::new('--partition', '--partition', [CompletionResultType]::ParameterName, 'Only these partitions (repeatable or comma-separated)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Join this consumer group and commit what was printed')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Join this consumer group and commit what was printed')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only records whose key or value matches this regular expression')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Line template: %t topic, %p partition, %o offset, %k key, %v value, %T timestamp (ms), %h headers, %% a percent sign; \n and \t are understood')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Line template: %t topic, %p partition, %o offset, %k key, %v value, %T timestamp (ms), %h headers, %% a percent sign; \n and \t are understood')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The topics are regular expressions, each matching whole topic names (-r ''db\.public\..*''); while following, topics that come to match later are read too, from their start')
            [CompletionResult]::new('--regex', '--regex', [CompletionResultType]::ParameterName, 'The topics are regular expressions, each matching whole topic names (-r ''db\.public\..*''); while following, topics that come to match later are read too, from their start')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Stop at the end of each partition as it was when reading began')
            [CompletionResult]::new('--exit-at-end', '--exit-at-end', [CompletionResultType]::ParameterName, 'Stop at the end of each partition as it was when reading began')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Pretty-print JSON values (human output)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;consume;sink' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Table to write (schema.table or table); it must exist')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table to write (schema.table or table); it must exist')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Column from a JSON path, e.g. --map city=customer.address.city (repeatable)')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'Column from a JSON path, e.g. --map city=customer.address.city (repeatable)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Upsert on these columns (comma-separated; a unique index must cover them) so replays do not duplicate rows')
            [CompletionResult]::new('--upsert-key', '--upsert-key', [CompletionResultType]::ParameterName, 'Upsert on these columns (comma-separated; a unique index must cover them) so replays do not duplicate rows')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Events per transaction, fixed [default: 500, growing up to 20000 while more events are already waiting (a backlog)]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Events per transaction, fixed [default: 500, growing up to 20000 while more events are already waiting (a backlog)]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Write what is batched at least this often')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Write what is batched at least this often')
            [CompletionResult]::new('--dead-letter', '--dead-letter', [CompletionResultType]::ParameterName, 'Send malformed events to this topic (created if missing), with dlq.* headers giving the reason')
            [CompletionResult]::new('--dead-letter-table', '--dead-letter-table', [CompletionResultType]::ParameterName, 'Or write them to this table, in the batch''s transaction [default: livedbctl_dead_letters]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after this many events (flushed and committed)')
            [CompletionResult]::new('--max-events', '--max-events', [CompletionResultType]::ParameterName, 'Stop after this many events (flushed and committed)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group; copies run with the same group share the partitions')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group; copies run with the same group share the partitions')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where a group without committed offsets starts')
            [CompletionResult]::new('--session-timeout', '--session-timeout', [CompletionResultType]::ParameterName, 'Seconds without a heartbeat before the broker gives this member''s partitions to another')
            [CompletionResult]::new('--wait-for-kafka', '--wait-for-kafka', [CompletionResultType]::ParameterName, 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Stop once every assigned partition has been read to its end (and flushed)')
            [CompletionResult]::new('--exit-at-end', '--exit-at-end', [CompletionResultType]::ParameterName, 'Stop once every assigned partition has been read to its end (and flushed)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;consume;aggregate' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Group by this field (dotted path); default: the message key')
            [CompletionResult]::new('--key-field', '--key-field', [CompletionResultType]::ParameterName, 'Group by this field (dotted path); default: the message key')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Also sum this numeric field per window')
            [CompletionResult]::new('--sum', '--sum', [CompletionResultType]::ParameterName, 'Also sum this numeric field per window')
            [CompletionResult]::new('--max-events', '--max-events', [CompletionResultType]::ParameterName, 'Events per key that fire the trigger within the window')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Window length from a key''s first event (`90s`, `1h`; a bare number is seconds, as in the seed''s API)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Command run (sh -c) when a window fires (this or --trigger-topic is required)')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Command run (sh -c) when a window fires (this or --trigger-topic is required)')
            [CompletionResult]::new('--trigger-topic', '--trigger-topic', [CompletionResultType]::ParameterName, 'Topic to publish fired windows to, created if missing (this or --exec is required)')
            [CompletionResult]::new('--attempts', '--attempts', [CompletionResultType]::ParameterName, 'Tries per trigger before it is reported failed (it stays pending)')
            [CompletionResult]::new('--exec-timeout', '--exec-timeout', [CompletionResultType]::ParameterName, 'Longest a --exec command may run')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Redis key prefix')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Events per Redis round trip (one atomic script)')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Events per Redis round trip (one atomic script)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Apply what is batched at least this often')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Apply what is batched at least this often')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after this many events (applied and committed)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after this many events (applied and committed)')
            [CompletionResult]::new('--dead-letter', '--dead-letter', [CompletionResultType]::ParameterName, 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]')
            [CompletionResult]::new('--max-event-bytes', '--max-event-bytes', [CompletionResultType]::ParameterName, 'Events larger than this (key, value and headers) are set aside unread')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group; copies run with the same group share the partitions')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group; copies run with the same group share the partitions')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where a group without committed offsets starts')
            [CompletionResult]::new('--session-timeout', '--session-timeout', [CompletionResultType]::ParameterName, 'Seconds without a heartbeat before the broker gives this member''s partitions to another')
            [CompletionResult]::new('--wait-for-kafka', '--wait-for-kafka', [CompletionResultType]::ParameterName, 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Stop once every assigned partition has been read to its end (and flushed)')
            [CompletionResult]::new('--exit-at-end', '--exit-at-end', [CompletionResultType]::ParameterName, 'Stop once every assigned partition has been read to its end (and flushed)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;consume;route' {
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Field that picks the destination (dotted path), used by `{}` in --to')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Destination topic template [default: TOPIC.{}]')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Partitions of topics created on the way')
            [CompletionResult]::new('--when', '--when', [CompletionResultType]::ParameterName, 'Rule for the side channel: FIELD=VALUE or FIELD!=VALUE')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Command run for events matching --when (sh -c, the event on stdin)')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Command run for events matching --when (sh -c, the event on stdin)')
            [CompletionResult]::new('--attempts', '--attempts', [CompletionResultType]::ParameterName, 'Tries per side-channel command')
            [CompletionResult]::new('--exec-timeout', '--exec-timeout', [CompletionResultType]::ParameterName, 'Longest a side-channel command may run')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Events per batch (forwards awaited together, then offsets committed)')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Events per batch (forwards awaited together, then offsets committed)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Forward what is batched at least this often')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Forward what is batched at least this often')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after this many events')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after this many events')
            [CompletionResult]::new('--dead-letter', '--dead-letter', [CompletionResultType]::ParameterName, 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]')
            [CompletionResult]::new('--max-event-bytes', '--max-event-bytes', [CompletionResultType]::ParameterName, 'Events larger than this (key, value and headers) are set aside unread')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group; copies run with the same group share the partitions')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group; copies run with the same group share the partitions')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where a group without committed offsets starts')
            [CompletionResult]::new('--session-timeout', '--session-timeout', [CompletionResultType]::ParameterName, 'Seconds without a heartbeat before the broker gives this member''s partitions to another')
            [CompletionResult]::new('--wait-for-kafka', '--wait-for-kafka', [CompletionResultType]::ParameterName, 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Stop once every assigned partition has been read to its end (and flushed)')
            [CompletionResult]::new('--exit-at-end', '--exit-at-end', [CompletionResultType]::ParameterName, 'Stop once every assigned partition has been read to its end (and flushed)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;consume;help' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print records of topics as they arrive (or a bounded range of them)')
            [CompletionResult]::new('sink', 'sink', [CompletionResultType]::ParameterValue, 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction')
            [CompletionResult]::new('aggregate', 'aggregate', [CompletionResultType]::ParameterValue, 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold')
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Forward each event to a topic named from its fields, with a rule-based command side channel')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;consume;help;tail' {
            break
        }
        'livedbctl;consume;help;sink' {
            break
        }
        'livedbctl;consume;help;aggregate' {
            break
        }
        'livedbctl;consume;help;route' {
            break
        }
        'livedbctl;consume;help;help' {
            break
        }
        'livedbctl;group' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List consumer groups: state, members (where the broker tells), topics, total lag')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One group per partition: committed offset, high watermark, lag, time behind; its members')
            [CompletionResult]::new('seek', 'seek', [CompletionResultType]::ParameterValue, 'Move a group''s committed offsets (only while it has no active members; asks first)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a group and its committed offsets (asks first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;group;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;group;describe' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;group;seek' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to: start | end | OFFSET | @TIME (epoch ms, RFC 3339, a date, or @-10m)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only this topic (all its partitions); default: every partition the group committed on')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;group;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;group;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List consumer groups: state, members (where the broker tells), topics, total lag')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One group per partition: committed offset, high watermark, lag, time behind; its members')
            [CompletionResult]::new('seek', 'seek', [CompletionResultType]::ParameterValue, 'Move a group''s committed offsets (only while it has no active members; asks first)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a group and its committed offsets (asks first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;group;help;list' {
            break
        }
        'livedbctl;group;help;describe' {
            break
        }
        'livedbctl;group;help;seek' {
            break
        }
        'livedbctl;group;help;delete' {
            break
        }
        'livedbctl;group;help;help' {
            break
        }
        'livedbctl;dashboard' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; beyond loopback every request needs the token')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token every request must carry [default: generated and printed once when --listen is not loopback]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to sample (one set of queries for every viewer)')
            [CompletionResult]::new('--feed-topic', '--feed-topic', [CompletionResultType]::ParameterName, 'Topic the event feed follows first [default: the profile''s kafka.topic]')
            [CompletionResult]::new('--aggregate-prefix', '--aggregate-prefix', [CompletionResultType]::ParameterName, 'Redis prefix of `consume aggregate`''s windows (its --prefix)')
            [CompletionResult]::new('--results-table', '--results-table', [CompletionResultType]::ParameterName, 'A stream job''s PostgreSQL results table to show (window_start, window_end, groups, aggregates)')
            [CompletionResult]::new('--alert', '--alert', [CompletionResultType]::ParameterName, 'An alert rule, e.g. ''lag > 10000 for 1m'' (repeatable; replaces the profile''s `alerts:`)')
            [CompletionResult]::new('--alert-exec', '--alert-exec', [CompletionResultType]::ParameterName, 'Run this command (`sh -c`) on every alert change (fired, resolved), the event as JSON on stdin')
            [CompletionResult]::new('--alert-exec-timeout', '--alert-exec-timeout', [CompletionResultType]::ParameterName, 'How long --alert-exec may run before it is stopped and reported failed')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'POST every alert change as JSON to this URL (retried with backoff, 5 tries)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the page in the default browser')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;top' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to sample (one set of queries for every viewer)')
            [CompletionResult]::new('--feed-topic', '--feed-topic', [CompletionResultType]::ParameterName, 'Topic the event feed follows first [default: the profile''s kafka.topic]')
            [CompletionResult]::new('--aggregate-prefix', '--aggregate-prefix', [CompletionResultType]::ParameterName, 'Redis prefix of `consume aggregate`''s windows (its --prefix)')
            [CompletionResult]::new('--results-table', '--results-table', [CompletionResultType]::ParameterName, 'A stream job''s PostgreSQL results table to show (window_start, window_end, groups, aggregates)')
            [CompletionResult]::new('--alert', '--alert', [CompletionResultType]::ParameterName, 'An alert rule, e.g. ''lag > 10000 for 1m'' (repeatable; replaces the profile''s `alerts:`)')
            [CompletionResult]::new('--alert-exec', '--alert-exec', [CompletionResultType]::ParameterName, 'Run this command (`sh -c`) on every alert change (fired, resolved), the event as JSON on stdin')
            [CompletionResult]::new('--alert-exec-timeout', '--alert-exec-timeout', [CompletionResultType]::ParameterName, 'How long --alert-exec may run before it is stopped and reported failed')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'POST every alert change as JSON to this URL (retried with backoff, 5 tries)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;verify' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only rows created within this long before now (e.g. 15m, 2h)')
            [CompletionResult]::new('--from-id', '--from-id', [CompletionResultType]::ParameterName, 'First id to check')
            [CompletionResult]::new('--to-id', '--to-id', [CompletionResultType]::ParameterName, 'Last id to check [default: the highest id when verify starts]')
            [CompletionResult]::new('--sink', '--sink', [CompletionResultType]::ParameterName, 'A `consume sink` table holding the events (by its `id` column), repeatable; its group is `livedbctl-sink-TABLE`. Tables of such groups on the topic are found without it')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'A `connector` (CDC) topic to check instead, with --table: the table''s rows against the latest change per primary key on it')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'With --topic: the table it captures (`schema.table`; a primary key of one integer column)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--repair', '--repair', [CompletionResultType]::ParameterName, 'Republish the ids missing from the topic (as `produce poll --replay` does, without moving its offset), then verify again')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;trace' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Or a key of a CDC topic (`--topic PREFIX.SCHEMA.TABLE`): its value (`42`) for a one-column key, or the key as JSON (`{"id":42}`)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'The topic [default: the profile''s kafka.topic, the producer''s]')
            [CompletionResult]::new('--scan-limit', '--scan-limit', [CompletionResultType]::ParameterName, 'Records read at most from the row''s partition (from its creation time, and where a replay broke the id order); with --key, the newest records read of each partition')
            [CompletionResult]::new('--job', '--job', [CompletionResultType]::ParameterName, 'A stream job file: show the job''s results for the event''s window and group (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--all-copies', '--all-copies', [CompletionResultType]::ParameterName, 'Also read the rest of the row''s partition for more copies of its event (a replay''s)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;check' {
            [CompletionResult]::new('--alert', '--alert', [CompletionResultType]::ParameterName, 'An alert rule, e.g. ''lag > 10000 for 1m'' (repeatable; replaces the profile''s `alerts:`)')
            [CompletionResult]::new('--over', '--over', [CompletionResultType]::ParameterName, 'Sample this long before judging [default: the longest `for` among the rules; at least the stall window (10 s) with `consumer stalled`]. `--over 0s` judges the first full sample, where a `for` rule can only be pending')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to sample (one set of queries for every viewer)')
            [CompletionResult]::new('--feed-topic', '--feed-topic', [CompletionResultType]::ParameterName, 'Topic the event feed follows first [default: the profile''s kafka.topic]')
            [CompletionResult]::new('--aggregate-prefix', '--aggregate-prefix', [CompletionResultType]::ParameterName, 'Redis prefix of `consume aggregate`''s windows (its --prefix)')
            [CompletionResult]::new('--results-table', '--results-table', [CompletionResultType]::ParameterName, 'A stream job''s PostgreSQL results table to show (window_start, window_end, groups, aggregates)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;stream' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Check a job file and print the equivalent Flink SQL')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Run a job''s windows over a file of JSON events and print the results (no Kafka)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a job in this process: a Kafka consumer group, results to the job''s sinks')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Send a job''s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the jobs on the Flink cluster')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show one Flink job: state, times, operators and their record counts')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a Flink job, or stop it with a savepoint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;stream;plan' {
            [CompletionResult]::new('--source-file', '--source-file', [CompletionResultType]::ParameterName, 'Read the events from this file of JSON lines instead of Kafka (filesystem connector; a directory is watched for new files and the job keeps running)')
            [CompletionResult]::new('--sink-dir', '--sink-dir', [CompletionResultType]::ParameterName, 'Write every sink as JSON lines under this directory instead (filesystem connector)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;stream;eval' {
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'JSON lines, each one event as the source topic would carry it')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Also write the results to the job''s sinks (PostgreSQL, Kafka, Redis)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;stream;run' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group [default: livedbctl-stream-<job name>]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group [default: livedbctl-stream-<job name>]')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where a run without a checkpoint starts [default: the job''s source.from, else earliest]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after this many events (then flush)')
            [CompletionResult]::new('--max-events', '--max-events', [CompletionResultType]::ParameterName, 'Stop after this many events (then flush)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Events per flush, fixed [default: 10000, growing up to 50000 while more events are already waiting (a backlog)]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Events per flush, fixed [default: 10000, growing up to 50000 while more events are already waiting (a backlog)]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Flush at least this often (closes windows of quiet partitions, emits early results)')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Flush at least this often (closes windows of quiet partitions, emits early results)')
            [CompletionResult]::new('--dead-letter', '--dead-letter', [CompletionResultType]::ParameterName, 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]')
            [CompletionResult]::new('--max-event-bytes', '--max-event-bytes', [CompletionResultType]::ParameterName, 'Events larger than this (key, value and headers) are set aside unread')
            [CompletionResult]::new('--wait-for-kafka', '--wait-for-kafka', [CompletionResultType]::ParameterName, 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Stop once every partition has been read to its end (results due written, checkpoint saved; windows still open stay open for the next run)')
            [CompletionResult]::new('--exit-at-end', '--exit-at-end', [CompletionResultType]::ParameterName, 'Stop once every partition has been read to its end (results due written, checkpoint saved; windows still open stay open for the next run)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;stream;submit' {
            [CompletionResult]::new('--source-file', '--source-file', [CompletionResultType]::ParameterName, 'Read the events from this file (on the Flink machine) instead of Kafka; a directory is watched for new files and the job keeps running')
            [CompletionResult]::new('--sink-dir', '--sink-dir', [CompletionResultType]::ParameterName, 'Write every sink as JSON lines under this directory (on the Flink machine) instead')
            [CompletionResult]::new('--runner-jar', '--runner-jar', [CompletionResultType]::ParameterName, 'Use this SQL runner jar instead of building one')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each statement (gateway) or the submission')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;stream;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;stream;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;stream;cancel' {
            [CompletionResult]::new('--savepoint', '--savepoint', [CompletionResultType]::ParameterName, 'Stop with a savepoint into this directory instead of cancelling')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the job to stop')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;stream;help' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Check a job file and print the equivalent Flink SQL')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Run a job''s windows over a file of JSON events and print the results (no Kafka)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a job in this process: a Kafka consumer group, results to the job''s sinks')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Send a job''s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the jobs on the Flink cluster')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show one Flink job: state, times, operators and their record counts')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a Flink job, or stop it with a savepoint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;stream;help;plan' {
            break
        }
        'livedbctl;stream;help;eval' {
            break
        }
        'livedbctl;stream;help;run' {
            break
        }
        'livedbctl;stream;help;submit' {
            break
        }
        'livedbctl;stream;help;list' {
            break
        }
        'livedbctl;stream;help;status' {
            break
        }
        'livedbctl;stream;help;cancel' {
            break
        }
        'livedbctl;stream;help;help' {
            break
        }
        'livedbctl;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this profile file instead of looking one up by name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human tables or JSON (one document, or one object per line for streams)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required for destructive work without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what is being done (on stderr)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;help' {
            [CompletionResult]::new('infra', 'infra', [CompletionResultType]::ParameterValue, 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'List, show, select and create connection profiles')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Database work: schema migrations and status, replication readiness for CDC')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Insert seed rows into PostgreSQL (the seed''s db-burst-writer)')
            [CompletionResult]::new('produce', 'produce', [CompletionResultType]::ParameterValue, 'Publish to Kafka: new PostgreSQL rows (`poll`, the seed''s producer) or JSON lines (`send`)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole pipeline for a newcomer: stack up, rows in, events out, then a verify of them')
            [CompletionResult]::new('connector', 'connector', [CompletionResultType]::ParameterValue, 'Change data capture: the built-in engine and its connectors')
            [CompletionResult]::new('redis', 'redis', [CompletionResultType]::ParameterValue, 'Inspect the profile''s Redis (`redis dump`)')
            [CompletionResult]::new('topic', 'topic', [CompletionResultType]::ParameterValue, 'Create, list, describe, alter and delete Kafka topics')
            [CompletionResult]::new('consume', 'consume', [CompletionResultType]::ParameterValue, 'Read topics: `tail` prints records; `sink`, `aggregate`, `route` run the downstream consumers')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Kafka consumer groups: list, describe (lag per partition), seek, delete')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Serve a live web page of the pipeline (flow, charts, events, results) with /metrics')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Watch the pipeline in the terminal, refreshed every second')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Reconcile rows, topic, sinks and dead letters up to a cut; ranges of ids missing, duplicated or different')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Where one row went: row, event, each group''s position, what it became downstream')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Judge the alert rules once: exit 1 when any fires, 0 when none (cron, CI, probes)')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Stream jobs: windowed aggregations, checked, tried on files, and run on Apache Flink')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;help;infra' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop what `infra up` started (never a service it merely reused)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each service: state, address, version, pid, who started it')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a service''s log')
            break
        }
        'livedbctl;help;infra;up' {
            break
        }
        'livedbctl;help;infra;down' {
            break
        }
        'livedbctl;help;infra;status' {
            break
        }
        'livedbctl;help;infra;logs' {
            break
        }
        'livedbctl;help;profile' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the default profile for this user')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented profile template')
            break
        }
        'livedbctl;help;profile;list' {
            break
        }
        'livedbctl;help;profile;show' {
            break
        }
        'livedbctl;help;profile;use' {
            break
        }
        'livedbctl;help;profile;init' {
            break
        }
        'livedbctl;help;db' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply the versioned SQL schema (idempotent, each migration in a transaction)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show applied and pending migrations, row counts, the producer''s offset and lag')
            [CompletionResult]::new('replication', 'replication', [CompletionResultType]::ParameterValue, 'Check or prepare the database for change data capture')
            break
        }
        'livedbctl;help;db;migrate' {
            break
        }
        'livedbctl;help;db;status' {
            break
        }
        'livedbctl;help;db;replication' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Create the replication role, grants, publication and replica identity (after confirmation)')
            break
        }
        'livedbctl;help;db;replication;check' {
            break
        }
        'livedbctl;help;db;replication;setup' {
            break
        }
        'livedbctl;help;seed' {
            [CompletionResult]::new('burst', 'burst', [CompletionResultType]::ParameterValue, 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate')
            break
        }
        'livedbctl;help;seed;burst' {
            break
        }
        'livedbctl;help;produce' {
            [CompletionResult]::new('poll', 'poll', [CompletionResultType]::ParameterValue, 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary')
            break
        }
        'livedbctl;help;produce;poll' {
            break
        }
        'livedbctl;help;produce;send' {
            break
        }
        'livedbctl;help;demo' {
            break
        }
        'livedbctl;help;connector' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List connectors with state, slot position and lag')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show one connector: state, tables, topics, slot, lag')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Ask a running engine to stop (after acknowledging what is in flight)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a connector: drop its slot (and the publication it created)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a Kafka Connect connector (remote)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused Kafka Connect connector (remote)')
            [CompletionResult]::new('offsets', 'offsets', [CompletionResultType]::ParameterValue, 'Show a connector''s position (Connect''s offsets shape); move a stopped remote one')
            [CompletionResult]::new('graduate', 'graduate', [CompletionResultType]::ParameterValue, 'Move a connector between the built-in engine and Kafka Connect without loss')
            break
        }
        'livedbctl;help;connector;start' {
            break
        }
        'livedbctl;help;connector;list' {
            break
        }
        'livedbctl;help;connector;status' {
            break
        }
        'livedbctl;help;connector;stop' {
            break
        }
        'livedbctl;help;connector;delete' {
            break
        }
        'livedbctl;help;connector;apply' {
            break
        }
        'livedbctl;help;connector;restart' {
            break
        }
        'livedbctl;help;connector;pause' {
            break
        }
        'livedbctl;help;connector;resume' {
            break
        }
        'livedbctl;help;connector;offsets' {
            break
        }
        'livedbctl;help;connector;graduate' {
            break
        }
        'livedbctl;help;redis' {
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Every key with its type, TTL and value (first N items per collection), without blocking the server')
            break
        }
        'livedbctl;help;redis;dump' {
            break
        }
        'livedbctl;help;topic' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a topic, or every topic the profile declares')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partitions, replication and message counts')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a topic''s partitions (leader, replicas, ISR, offsets) and configs')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Change a topic''s configs incrementally (--set k=v, --delete k)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics (shows what will go and asks first)')
            break
        }
        'livedbctl;help;topic;create' {
            break
        }
        'livedbctl;help;topic;list' {
            break
        }
        'livedbctl;help;topic;describe' {
            break
        }
        'livedbctl;help;topic;alter' {
            break
        }
        'livedbctl;help;topic;delete' {
            break
        }
        'livedbctl;help;consume' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print records of topics as they arrive (or a bounded range of them)')
            [CompletionResult]::new('sink', 'sink', [CompletionResultType]::ParameterValue, 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction')
            [CompletionResult]::new('aggregate', 'aggregate', [CompletionResultType]::ParameterValue, 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold')
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Forward each event to a topic named from its fields, with a rule-based command side channel')
            break
        }
        'livedbctl;help;consume;tail' {
            break
        }
        'livedbctl;help;consume;sink' {
            break
        }
        'livedbctl;help;consume;aggregate' {
            break
        }
        'livedbctl;help;consume;route' {
            break
        }
        'livedbctl;help;group' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List consumer groups: state, members (where the broker tells), topics, total lag')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One group per partition: committed offset, high watermark, lag, time behind; its members')
            [CompletionResult]::new('seek', 'seek', [CompletionResultType]::ParameterValue, 'Move a group''s committed offsets (only while it has no active members; asks first)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a group and its committed offsets (asks first)')
            break
        }
        'livedbctl;help;group;list' {
            break
        }
        'livedbctl;help;group;describe' {
            break
        }
        'livedbctl;help;group;seek' {
            break
        }
        'livedbctl;help;group;delete' {
            break
        }
        'livedbctl;help;dashboard' {
            break
        }
        'livedbctl;help;top' {
            break
        }
        'livedbctl;help;verify' {
            break
        }
        'livedbctl;help;trace' {
            break
        }
        'livedbctl;help;check' {
            break
        }
        'livedbctl;help;stream' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Check a job file and print the equivalent Flink SQL')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Run a job''s windows over a file of JSON events and print the results (no Kafka)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a job in this process: a Kafka consumer group, results to the job''s sinks')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Send a job''s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the jobs on the Flink cluster')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show one Flink job: state, times, operators and their record counts')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a Flink job, or stop it with a savepoint')
            break
        }
        'livedbctl;help;stream;plan' {
            break
        }
        'livedbctl;help;stream;eval' {
            break
        }
        'livedbctl;help;stream;run' {
            break
        }
        'livedbctl;help;stream;submit' {
            break
        }
        'livedbctl;help;stream;list' {
            break
        }
        'livedbctl;help;stream;status' {
            break
        }
        'livedbctl;help;stream;cancel' {
            break
        }
        'livedbctl;help;completions' {
            break
        }
        'livedbctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
