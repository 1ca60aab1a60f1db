/* <ctype.h> tests of values whose C type keeps them within glibc's table (-128..255, EOF): checked calls
 * (rule ctype-domain), so these are safe fns calling the library's own functions. */
#include <ctype.h>
#include <stdio.h>

int file_index(char file)
{
	return file - (isupper(file) ? 'A' : 'a');
}

int space_byte(unsigned char c)
{
	return isspace(c) != 0;
}

int constants(void)
{
	return (isalpha('x') != 0) + (isdigit('\x7f') != 0) + (isxdigit(EOF) != 0);
}

int printable(int c)
{
	return isprint((unsigned char)c) != 0;
}

int kind(signed char c)
{
	if (isdigit(c))
		return 1;
	if (isalpha(c))
		return islower(c) ? 2 : 3;
	return ispunct(c) ? 4 : 0;
}
