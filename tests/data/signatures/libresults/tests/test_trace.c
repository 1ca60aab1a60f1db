int named_frames(void);
int print_frames(void);
int report(int bad);
int first_byte(void);
int cleared(void);
int grown(void);

int main(void)
{
	return !(named_frames() == 1 && print_frames() == 1 && report(0) == 0 && report(1) == 2 &&
		 first_byte() == 1 && cleared() == 1 && grown() == 1);
}
