)))) }}} @@@ int ( ; ; ) {{{ $$$
### not C at all ###
(((( ] ] ] ' " unterminated
