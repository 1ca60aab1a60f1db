int file_index(char file);
int space_byte(unsigned char c);
int constants(void);
int printable(int c);
int kind(signed char c);

int main(void)
{
	return !(file_index('c') == 2 && file_index('C') == 2 && space_byte(' ') == 1 && constants() == 1 &&
		 printable(0x141) == 1 && kind('7') == 1 && kind('q') == 2 && kind('Q') == 3 && kind('!') == 4 &&
		 kind(-3) == 0);
}
