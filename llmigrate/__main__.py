from llmigrate.cli import main

main()
