
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
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livedbctl;infra;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema')
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
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'livedbctl;help;infra' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema')
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
