int f1_0(int x)
{
    int total = 0;
    int i;
    /* walk down */
    for (i = 0; i < x; i++) {
        if (i % 2)
            total += f0_0(i);
        else
            total -= f0_1(i);
        total ^= i;
        total += 3;
        total -= 1;
    }
    return total;
}
