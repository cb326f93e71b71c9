
use builtin;
use str;

set edit:completion:arg-completer[livedbctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'livedbctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'livedbctl'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand infra 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)'
            cand profile 'List, show, select and create connection profiles'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;infra'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
            cand down 'Stop what `infra up` started (never a service it merely reused)'
            cand status 'Show each service: state, address, version, pid, who started it'
            cand logs 'Print a service''s log'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;infra;up'= {
            cand --only 'Only these services (comma-separated)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --no-topics 'Do not create the profile''s topics'
            cand --no-migrate 'Do not apply the SQL schema'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;down'= {
            cand --only 'Only these services (comma-separated)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --purge 'Also delete their data directories (asks first; --yes skips the question)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;status'= {
            cand --only 'Only these services (comma-separated)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --check 'Exit 1 unless every selected service answers (for scripts and health checks)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;logs'= {
            cand -n 'Only the last N lines'
            cand --lines 'Only the last N lines'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand -f 'Keep printing as the log grows (Ctrl-C ends)'
            cand --follow 'Keep printing as the log grows (Ctrl-C ends)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;help'= {
            cand up 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
            cand down 'Stop what `infra up` started (never a service it merely reused)'
            cand status 'Show each service: state, address, version, pid, who started it'
            cand logs 'Print a service''s log'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;infra;help;up'= {
        }
        &'livedbctl;infra;help;down'= {
        }
        &'livedbctl;infra;help;status'= {
        }
        &'livedbctl;infra;help;logs'= {
        }
        &'livedbctl;infra;help;help'= {
        }
        &'livedbctl;profile'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
            cand show 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
            cand use 'Make NAME the default profile for this user'
            cand init 'Write a commented profile template'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;profile;list'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;profile;show'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;profile;use'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;profile;init'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --user 'Write to ~/.config/livedbctl/profiles instead of ./profiles'
            cand --force 'Overwrite an existing file'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;profile;help'= {
            cand list 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
            cand show 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
            cand use 'Make NAME the default profile for this user'
            cand init 'Write a commented profile template'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;profile;help;list'= {
        }
        &'livedbctl;profile;help;show'= {
        }
        &'livedbctl;profile;help;use'= {
        }
        &'livedbctl;profile;help;init'= {
        }
        &'livedbctl;profile;help;help'= {
        }
        &'livedbctl;completions'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;help'= {
            cand infra 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)'
            cand profile 'List, show, select and create connection profiles'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;help;infra'= {
            cand up 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
            cand down 'Stop what `infra up` started (never a service it merely reused)'
            cand status 'Show each service: state, address, version, pid, who started it'
            cand logs 'Print a service''s log'
        }
        &'livedbctl;help;infra;up'= {
        }
        &'livedbctl;help;infra;down'= {
        }
        &'livedbctl;help;infra;status'= {
        }
        &'livedbctl;help;infra;logs'= {
        }
        &'livedbctl;help;profile'= {
            cand list 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
            cand show 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
            cand use 'Make NAME the default profile for this user'
            cand init 'Write a commented profile template'
        }
        &'livedbctl;help;profile;list'= {
        }
        &'livedbctl;help;profile;show'= {
        }
        &'livedbctl;help;profile;use'= {
        }
        &'livedbctl;help;profile;init'= {
        }
        &'livedbctl;help;completions'= {
        }
        &'livedbctl;help;help'= {
        }
    ]
    $completions[$command]
}
