# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_livedbctl_global_optspecs
    string join \n profile= config= o/output= yes q/quiet v/verbose no-progress h/help V/version
end

function __fish_livedbctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_livedbctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_livedbctl_using_subcommand
    set -l cmd (__fish_livedbctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c livedbctl -n "__fish_livedbctl_needs_command" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_needs_command" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_needs_command" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "infra" -d 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "profile" -d 'List, show, select and create connection profiles'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "up" -d 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "down" -d 'Stop what `infra up` started (never a service it merely reused)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "status" -d 'Show each service: state, address, version, pid, who started it'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "logs" -d 'Print a service\'s log'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l only -d 'Only these services (comma-separated)' -r -f -a "postgres\t''
kafka\t''
redis\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l no-topics -d 'Do not create the profile\'s topics'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l no-migrate -d 'Do not apply the SQL schema'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l only -d 'Only these services (comma-separated)' -r -f -a "postgres\t''
kafka\t''
redis\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l purge -d 'Also delete their data directories (asks first; --yes skips the question)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l only -d 'Only these services (comma-separated)' -r -f -a "postgres\t''
kafka\t''
redis\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l check -d 'Exit 1 unless every selected service answers (for scripts and health checks)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s n -l lines -d 'Only the last N lines' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing as the log grows (Ctrl-C ends)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop what `infra up` started (never a service it merely reused)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show each service: state, address, version, pid, who started it'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Print a service\'s log'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "list" -d 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "show" -d 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "use" -d 'Make NAME the default profile for this user'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "init" -d 'Write a commented profile template'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l user -d 'Write to ~/.config/livedbctl/profiles instead of ./profiles'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l force -d 'Overwrite an existing file'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make NAME the default profile for this user'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented profile template'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile completions help" -f -a "infra" -d 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile completions help" -f -a "profile" -d 'List, show, select and create connection profiles'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "up" -d 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "down" -d 'Stop what `infra up` started (never a service it merely reused)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "status" -d 'Show each service: state, address, version, pid, who started it'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "logs" -d 'Print a service\'s log'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "use" -d 'Make NAME the default profile for this user'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "init" -d 'Write a commented profile template'
